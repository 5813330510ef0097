/**
 * Reads a LanguageTool /v2/check request: the parameters as LanguageTool clients send them (form fields,
 * or the same names in a JSON object), validated into one CheckRequest or a 4xx naming the bad parameter.
 */
import type { CheckLevel } from "../../infra/grammar/engine.js";
import { badRequest, describeType, quoteInput } from "../../infra/http/errors.js";
import { requireCheckableText } from "../../infra/http/text-input.js";
import { AnnotatedText, parseAnnotatedData } from "./annotated-text.js";
import { resolveLanguage, type RequestedLanguage } from "./languages.js";

export interface RuleSelection {
  enabledRules: string[];
  disabledRules: string[];
  enabledCategories: string[];
  disabledCategories: string[];
  enabledOnly: boolean;
}

export interface LanguageToolCheckRequest {
  document: AnnotatedText;
  language: RequestedLanguage;
  level: CheckLevel;
  rules: RuleSelection;
  motherTongue?: string;
}

export type RawParameters = Record<string, unknown>;

/** A form field sent twice arrives as an array; LanguageTool takes the first value, so do we. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value[0] : value;
}

function readList(parameters: RawParameters, name: string): string[] {
  const raw = parameters[name];
  if (raw === undefined || raw === null || raw === "") return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const result: string[] = [];
  for (const item of items) {
    if (typeof item !== "string") {
      throw badRequest(
        "invalid_parameter",
        `The "${name}" parameter must be a comma-separated list of ids (a string), got ${describeType(item)} ${quoteInput(item)}.`,
      );
    }
    for (const id of item.split(",")) {
      const trimmed = id.trim();
      if (trimmed !== "") result.push(trimmed);
    }
  }
  return result;
}

function readBoolean(parameters: RawParameters, name: string): boolean {
  const raw = single(parameters[name]);
  if (raw === undefined || raw === null || raw === "") return false;
  if (raw === true || raw === "true") return true;
  if (raw === false || raw === "false") return false;
  throw badRequest("invalid_parameter", `The "${name}" parameter must be true or false, got ${quoteInput(raw)}.`);
}

function readLevel(parameters: RawParameters): CheckLevel {
  const raw = single(parameters.level);
  if (raw === undefined || raw === null || raw === "" || raw === "default") return "default";
  if (raw === "picky") return "picky";
  throw badRequest(
    "invalid_parameter",
    `The "level" parameter must be "default" or "picky", got ${quoteInput(raw)}: use "picky" for stricter style and typography checks.`,
  );
}

function readOptionalString(parameters: RawParameters, name: string): string | undefined {
  const raw = single(parameters[name]);
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string") {
    throw badRequest("invalid_parameter", `The "${name}" parameter must be a string, got ${describeType(raw)}.`);
  }
  return raw;
}

export function parseLanguageToolCheck(parameters: RawParameters, maxTextLength: number): LanguageToolCheckRequest {
  const text = single(parameters.text);
  const data = single(parameters.data);
  if (text !== undefined && data !== undefined) {
    throw badRequest(
      "invalid_parameter",
      'Both "text" and "data" were sent: send the plain text in "text" or the annotated text in "data", not both.',
    );
  }
  if (text === undefined && data === undefined) {
    throw badRequest(
      "missing_parameter",
      'Neither "text" nor "data" was sent: send the French text to check in "text" (or annotated text in "data").',
    );
  }
  let document: AnnotatedText;
  if (text !== undefined) {
    document = AnnotatedText.fromPlainText(requireCheckableText(text, "text", maxTextLength));
  } else {
    document = parseAnnotatedData(data);
    requireCheckableText(document.plainText, "data", maxTextLength);
    requireCheckableText(document.originalText, "data", Number.MAX_SAFE_INTEGER);
  }
  const language = resolveLanguage(single(parameters.language));
  const rules: RuleSelection = {
    enabledRules: readList(parameters, "enabledRules"),
    disabledRules: readList(parameters, "disabledRules"),
    enabledCategories: readList(parameters, "enabledCategories"),
    disabledCategories: readList(parameters, "disabledCategories"),
    enabledOnly: readBoolean(parameters, "enabledOnly"),
  };
  if (rules.enabledOnly && rules.enabledRules.length === 0 && rules.enabledCategories.length === 0) {
    throw badRequest(
      "invalid_parameter",
      'enabledOnly=true was sent without "enabledRules" or "enabledCategories", which would disable every rule: name the rules or categories to keep, or drop enabledOnly.',
    );
  }
  const motherTongue = readOptionalString(parameters, "motherTongue");
  return {
    document,
    language,
    level: readLevel(parameters),
    rules,
    ...(motherTongue === undefined ? {} : { motherTongue }),
  };
}
