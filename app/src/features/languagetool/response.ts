/** Shapes engine matches into LanguageTool's /v2/check JSON, the format its clients parse. */
import type { GrammarMatch, IssueType } from "../../infra/grammar/engine.js";
import type { AnnotatedText } from "./annotated-text.js";
import type { LanguageDetection, RequestedLanguage } from "./languages.js";
import type { RuleSelection } from "./request.js";
import { sentenceAt, splitSentences } from "./sentences.js";

/** Characters of the original text shown on each side of a match, as in LanguageTool's server. */
export const CONTEXT_SIZE = 40;

export interface SoftwareInfo {
  name: string;
  version: string;
  buildDate: string;
}

export interface LanguageToolMatch {
  message: string;
  shortMessage: string;
  replacements: { value: string }[];
  offset: number;
  length: number;
  context: { text: string; offset: number; length: number };
  sentence: string;
  type: { typeName: string };
  rule: {
    id: string;
    description: string;
    issueType: IssueType;
    category: { id: string; name: string };
  };
  ignoreForIncompleteSentence: boolean;
  contextForSureMatch: number;
}

export interface LanguageToolCheckResponse {
  software: SoftwareInfo & { apiVersion: 1; premium: false; status: "" };
  warnings: { incompleteResults: boolean };
  language: {
    name: string;
    code: string;
    detectedLanguage: { name: string; code: string; confidence: number };
  };
  matches: LanguageToolMatch[];
  sentenceRanges: [number, number][];
}

/** Keeps the matches the client's enabled/disabled rules and categories allow. */
export function selectMatches(matches: GrammarMatch[], rules: RuleSelection): GrammarMatch[] {
  const disabledRules = new Set(rules.disabledRules);
  const disabledCategories = new Set(rules.disabledCategories);
  const enabledRules = new Set(rules.enabledRules);
  const enabledCategories = new Set(rules.enabledCategories);
  return matches.filter((match) => {
    if (rules.enabledOnly) return enabledRules.has(match.ruleId) || enabledCategories.has(match.category.id);
    return !disabledRules.has(match.ruleId) && !disabledCategories.has(match.category.id);
  });
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * LanguageTool's context window: up to CONTEXT_SIZE characters each side of the match, "..." where the
 * text was cut, line breaks shown as spaces; `offset` is where the match starts inside that window. The
 * window never splits a surrogate pair, so an emoji at its edge is kept whole rather than broken.
 */
export function contextWindow(text: string, start: number, end: number): { text: string; offset: number; length: number } {
  let from = Math.max(0, start - CONTEXT_SIZE);
  let to = Math.min(text.length, end + CONTEXT_SIZE);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to)) && isHighSurrogate(text.charCodeAt(to - 1))) to++;
  const prefix = from > 0 ? "..." : "";
  const suffix = to < text.length ? "..." : "";
  const body = text.slice(from, to).replace(/[\r\n]/g, " ");
  return { text: prefix + body + suffix, offset: prefix.length + (start - from), length: end - start };
}

function typeNameFor(issueType: IssueType): string {
  if (issueType === "misspelling") return "UnknownWord";
  if (issueType === "style") return "Hint";
  return "Other";
}

export interface BuildResponseInput {
  document: AnnotatedText;
  /** Engine matches on document.plainText, already filtered by the client's rule selection. */
  matches: GrammarMatch[];
  language: RequestedLanguage;
  detection: LanguageDetection;
  software: SoftwareInfo;
}

export function buildLanguageToolResponse(input: BuildResponseInput): LanguageToolCheckResponse {
  const { document } = input;
  const plainSentences = splitSentences(document.plainText);
  const matches = [...input.matches]
    .sort((a, b) => a.offset - b.offset || a.length - b.length)
    .map((match): LanguageToolMatch => {
      const start = document.toOriginalOffset(match.offset, "start");
      const end = Math.max(start, document.toOriginalOffset(match.offset + match.length, "end"));
      const sentence = sentenceAt(plainSentences, match.offset);
      return {
        message: match.message,
        shortMessage: match.shortMessage,
        replacements: match.replacements.map((value) => ({ value })),
        offset: start,
        length: end - start,
        context: contextWindow(document.originalText, start, end),
        sentence: sentence ? document.plainText.slice(sentence.start, sentence.end).trim() : "",
        type: { typeName: typeNameFor(match.issueType) },
        rule: {
          id: match.ruleId,
          description: match.ruleDescription,
          issueType: match.issueType,
          category: { id: match.category.id, name: match.category.name },
        },
        // Grammalecte's rules look at the words around the error, not at the whole sentence, so a match
        // stands even while the sentence is still being typed.
        ignoreForIncompleteSentence: false,
        contextForSureMatch: 0,
      };
    });
  return {
    software: { ...input.software, apiVersion: 1, premium: false, status: "" },
    warnings: { incompleteResults: false },
    language: {
      name: "French",
      code: input.language.mode === "fixed" && input.language.code === "fr" ? "fr" : "fr-FR",
      detectedLanguage: {
        name: input.detection.name,
        code: input.detection.code,
        confidence: input.detection.confidence,
      },
    },
    matches,
    sentenceRanges: plainSentences.map((range): [number, number] => [
      document.toOriginalOffset(range.start, "start"),
      document.toOriginalOffset(range.end, "end"),
    ]),
  };
}
