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

/** A token as the worker sends it: offsets in code points from the start of the whole text; kind is Grammalecte's token type (WORD, WORDELD for l’ or qu’, PUNC, NUM…). */
export type RawToken = [start: number, end: number, kind: string, value: string];

/** What the worker says of a word the first time it sends it: what is empty or false is left out. */
export interface RawWordAnalysis {
  morph?: string[];
  elides?: boolean;
  /** Present for a word with a noun, adjective or participle reading, even when it has no form; an empty list is left out. */
  inflections?: Partial<Inflections>;
  verbs?: VerbForms[];
  verbGuesses?: VerbGuess[];
}

/** What the lexicon says of a word: shared by all its tokens, never changed. */
export type WordAnalysis = Pick<AnalyzedToken, "morph" | "tags" | "elides" | "inflections" | "verbs" | "verbGuesses">;

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

/** Punctuation, numbers and the like: nothing the lexicon says. */
const NOT_A_WORD: WordAnalysis = wordAnalysisFromRaw({});

/** Frozen all the way down: every token of the word shares it, so a rule that changed it would change them all. */
export function wordAnalysisFromRaw(raw: RawWordAnalysis): WordAnalysis {
  const morph = raw.morph ?? [];
  return deepFreeze({
    morph,
    tags: morph.map(tagsOf),
    elides: raw.elides ?? false,
    inflections: inflectionsFromRaw(raw.inflections),
    verbs: raw.verbs ?? [],
    verbGuesses: raw.verbGuesses ?? [],
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function isWordKind(kind: string): boolean {
  return kind === "WORD" || kind === "WORDELD";
}

/** A token with what the lexicon says of it, offsets still in code points. */
export interface LexiconToken {
  start: number;
  end: number;
  kind: string;
  value: string;
  word: WordAnalysis;
}

/**
 * The words one worker has described, for the tokens of its later answers (worker.py sends a word's description
 * once, then only its tokens: a tenth of the bytes to read and parse). Answers must be learnt in the order the
 * worker wrote them, every one of them, including answers nobody waits for any more.
 */
export class Lexicon {
  private readonly words = new Map<string, WordAnalysis>();

  get size(): number {
    return this.words.size;
  }

  /** Takes in an answer's `lexiconReset` and `lexicon`, then gives its tokens with their words' descriptions. */
  read(answer: { tokens?: unknown; lexicon?: unknown; lexiconReset?: unknown }): LexiconToken[] {
    if (answer.lexiconReset === true) this.words.clear();
    const described = answer.lexicon;
    if (typeof described !== "object" || described === null || Array.isArray(described)) {
      throw new Error(`the analysis carries no lexicon object (got ${JSON.stringify(described)?.slice(0, 100)})`);
    }
    for (const [key, raw] of Object.entries(described as Record<string, RawWordAnalysis>)) this.words.set(key, wordAnalysisFromRaw(raw));
    if (!Array.isArray(answer.tokens)) throw new Error(`the analysis carries no token list (got ${JSON.stringify(answer.tokens)?.slice(0, 100)})`);
    return (answer.tokens as RawToken[]).map(([start, end, kind, value]) => {
      if (!isWordKind(kind)) return { start, end, kind, value, word: NOT_A_WORD };
      const word = this.words.get(`${kind} ${value}`);
      if (word === undefined) throw new Error(`the analysis has a word the worker never described: ${kind} ${JSON.stringify(value)}`);
      return { start, end, kind, value, word };
    });
  }
}

/** The tokens as the rules read them: offsets in UTF-16 units of `text`, the word's description shared. */
export function analyzedTokensOf(text: string, tokens: readonly LexiconToken[]): AnalyzedToken[] {
  const offsets = codePointToUtf16(text);
  return tokens.map(({ start, end, kind, value, word }) => {
    const offset = offsets.toUtf16(start);
    return { offset, length: offsets.toUtf16(end) - offset, kind, value, lower: lowerCaseWord(value), ...word };
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
