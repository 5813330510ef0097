/**
 * A text as the learner rules read it: Grammalecte's tokens with the morphology of its lexicon, as the
 * worker's "analyze" op returns them (worker.py, Analyzer), with offsets turned into UTF-16 units.
 *
 * Morphologies are Grammalecte's strings, e.g. ">mère/:N:f:s/*" (lemma "mère", tags ":N:f:s"): :N noun,
 * :A adjective, :V verb (then :Ip present, :Iq imperfect, :If future, :K conditional, :Sp subjunctive,
 * :E imperative, :Q past participle, :Y infinitive, :P present participle, persons :1s…:3p), :G grammatical
 * word (:D determiner, :R preposition, :Os subject pronoun, :C conjunction), :M proper noun, :W adverb;
 * gender :m/:f/:e (both), number :s/:p/:i (both).
 */
import { codePointToUtf16 } from "../offsets.js";

export type Person = ":1s" | ":2s" | ":3s" | ":1p" | ":2p" | ":3p";

export interface Inflections {
  ms: string[];
  fs: string[];
  mp: string[];
  fp: string[];
}

/**
 * What the rules read of one verb lemma of a word; the worker sends each part only where a rule reads it
 * (worker.py, Analyzer.verbs).
 */
export interface VerbForms {
  infinitive: string;
  /**
   * "" when the form does not exist. All four for a word with an infinitive reading (infinitive-for-past-participle),
   * the feminine singular alone for a word with a noun, adjective or participle reading (plural-of-countable-noun).
   */
  pastParticiple?: Partial<Record<"ms" | "fs" | "mp" | "fp", string>>;
  /**
   * The present subjunctive for the persons of the lemma's indicative present, future or conditional readings
   * (subjunctive-after-trigger's subjunctiveFor asks for no other); a form that does not exist is left out.
   */
  subjunctive?: Partial<Record<Person, string>>;
}

/** An unknown word read as a verb conjugated by a regular pattern (disez, prendu, venirai), with the right form. */
export interface VerbGuess {
  infinitive: string;
  /** "0" (être, avoir), "1", "2" or "3". */
  group: string;
  /** Grammalecte's tense code: ":Ip", ":If", ":K", ":Q"… */
  tense: string;
  /** A person (":2p") or, for a past participle, gender and number (":m:s"). */
  person: string;
  form: string;
}

/** A token as the worker sends it: what is empty or false is left out. */
export interface RawAnalyzedToken {
  /** Code points from the start of the whole text. */
  start: number;
  end: number;
  /** Grammalecte's token type: WORD, WORDELD (l’, qu’…), PUNC, NUM… */
  kind: string;
  value: string;
  morph?: string[];
  elides?: boolean;
  /** Present for a word with a noun, adjective or participle reading, even when it has no form; an empty list is left out. */
  inflections?: Partial<Inflections>;
  verbs?: VerbForms[];
  verbGuesses?: VerbGuess[];
}

export interface AnalyzedToken {
  /** UTF-16 units from the start of the whole text. */
  offset: number;
  length: number;
  kind: string;
  value: string;
  /** `value` in lower case with a typographic apostrophe, what rules compare with. */
  lower: string;
  /** Empty for punctuation and for words the lexicon does not know. */
  morph: string[];
  /** tagsOf each of `morph`, in its order: what hasTags and onlyTags test, cut once per token rather than at each test. */
  tags: string[];
  /** The word takes an elided article or pronoun before it (l’arbre, l’homme, but le héros). */
  elides: boolean;
  inflections: Inflections | null;
  verbs: VerbForms[];
  verbGuesses: VerbGuess[];
}

function inflectionsFromRaw(raw: Partial<Inflections> | undefined): Inflections | null {
  return raw === undefined ? null : { ms: raw.ms ?? [], fs: raw.fs ?? [], mp: raw.mp ?? [], fp: raw.fp ?? [] };
}

/** `value` in lower case with a typographic apostrophe. */
function lowerCaseWord(value: string): string {
  const lower = value.toLowerCase();
  return lower.includes("'") ? lower.replaceAll("'", "’") : lower;
}

export function analyzedTokensFromRaw(text: string, raw: readonly RawAnalyzedToken[]): AnalyzedToken[] {
  const offsets = codePointToUtf16(text);
  return raw.map((token) => {
    const offset = offsets.toUtf16(token.start);
    const morph = token.morph ?? [];
    return {
      offset,
      length: offsets.toUtf16(token.end) - offset,
      kind: token.kind,
      value: token.value,
      lower: lowerCaseWord(token.value),
      morph,
      tags: morph.map(tagsOf),
      elides: token.elides ?? false,
      inflections: inflectionsFromRaw(token.inflections),
      verbs: token.verbs ?? [],
      verbGuesses: token.verbGuesses ?? [],
    };
  });
}

/** The tags of one morphology: ">mère/:N:f:s/*" → ":N:f:s". */
export function tagsOf(morph: string): string {
  const first = morph.indexOf("/");
  const last = morph.lastIndexOf("/");
  return first >= 0 && last > first ? morph.slice(first + 1, last) : morph;
}

/** True when one of the token's readings has tags matching `pattern`. */
export function hasTags(token: AnalyzedToken | undefined, pattern: RegExp): boolean {
  return token !== undefined && token.tags.some((tags) => pattern.test(tags));
}

/** True when the token is known and every reading has tags matching `pattern` (no other reading possible). */
export function onlyTags(token: AnalyzedToken | undefined, pattern: RegExp): boolean {
  return token !== undefined && token.tags.length > 0 && token.tags.every((tags) => pattern.test(tags));
}

export function isWord(token: AnalyzedToken | undefined): token is AnalyzedToken {
  return token !== undefined && (token.kind === "WORD" || token.kind === "WORDELD");
}

const SENTENCE_END = new Set([".", "!", "?", "…", ";", ":"]);

/** Clauses a rule may look across: tokens between sentence-ending punctuation (and ; :), which is left out. */
export function sentencesOf(tokens: readonly AnalyzedToken[]): AnalyzedToken[][] {
  const sentences: AnalyzedToken[][] = [];
  let current: AnalyzedToken[] = [];
  for (const token of tokens) {
    if (token.kind === "PUNC" && SENTENCE_END.has(token.value)) {
      if (current.length > 0) sentences.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/**
 * A plural noun that needs a determiner before it (clés, livres): besides its noun readings it has at most
 * verb readings of the second person singular (livres, from livrer), which no subject precedes here.
 */
export function isBarePluralNoun(token: AnalyzedToken | undefined): boolean {
  if (!isWord(token) || !hasTags(token, /:N.*:p/u) || hasTags(token, /^:G|^:W|:M/u)) return false;
  return token.tags.every((tags) => !tags.startsWith(":V") || (/:2s/u.test(tags) && !/:E|:[13][sp]/u.test(tags)));
}

/** A finite verb reading: indicative, conditional, subjunctive or imperative. */
export const FINITE_VERB = /:V.*:(?:I[pqsf]|K|S[pq]|E)/u;

/** Keeps the case of the word it replaces: "à" → "a", "À" → "A", "Ces" → "C’est". */
export function withCaseOf(original: string, replacement: string): string {
  const first = original.charAt(0);
  return first !== first.toLowerCase() ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}
