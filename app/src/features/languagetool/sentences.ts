/**
 * French sentence segmentation for LanguageTool's `sentence` and `sentenceRanges`. A sentence ends at
 * . ! ? or … (with any closing quotes or brackets after it) followed by whitespace, and at every line
 * break (editors send one paragraph per line). Abbreviations such as « M. », « Mme. », « p. ex. » and
 * single initials do not end a sentence.
 */

export interface TextRange {
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

const TERMINATORS = new Set([".", "!", "?", "…"]);
const CLOSERS = new Set(['"', "'", "»", "”", "’", ")", "]", "}", "\u00a0", "\u202f"]);
const ABBREVIATIONS = new Set([
  "m",
  "mm",
  "mme",
  "mmes",
  "mlle",
  "mlles",
  "dr",
  "pr",
  "me",
  "st",
  "ste",
  "av",
  "bd",
  "cf",
  "ex",
  "p",
  "pp",
  "vol",
  "chap",
  "fig",
  "env",
  "hab",
  "tél",
  "tel",
  "n°",
  "no",
  "art",
  "al",
  "éd",
  "apr",
]);

const WHITESPACE = /\s/u;

function isWhitespace(character: string): boolean {
  // The common cases without a regular expression: this runs once per character of every checked text.
  if (character === " " || character === "\n" || character === "\t" || character === "\r") return true;
  if (character < "\u0080" && character !== "\u000b" && character !== "\u000c") return false;
  return WHITESPACE.test(character);
}

function wordBefore(text: string, dotIndex: number): string {
  let start = dotIndex;
  while (start > 0 && /[\p{L}\p{N}°]/u.test(text[start - 1] ?? "")) start--;
  return text.slice(start, dotIndex);
}

function endsSentenceAt(text: string, index: number): boolean {
  const character = text[index] ?? "";
  if (!TERMINATORS.has(character)) return false;
  if (character === ".") {
    const word = wordBefore(text, index);
    if (ABBREVIATIONS.has(word.toLowerCase())) return false;
    // A single capital before a dot is an initial (« J. Dupont »). Numbers (« 3.5 ») and ellipses (« ... »)
    // need no case here: the caller only splits when whitespace follows the run of terminators.
    if (/^\p{Lu}$/u.test(word)) return false;
  }
  return true;
}

/** Sentences of `text` with surrounding whitespace excluded; together they cover every non-space character. */
export function splitSentences(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let start = -1;
  let index = 0;
  const close = (end: number) => {
    if (start !== -1) {
      let trimmedEnd = end;
      while (trimmedEnd > start && isWhitespace(text[trimmedEnd - 1] ?? "")) trimmedEnd--;
      if (trimmedEnd > start) ranges.push({ start, end: trimmedEnd });
    }
    start = -1;
  };
  while (index < text.length) {
    const character = text[index] ?? "";
    if (character === "\n" || character === "\r") {
      close(index);
      index++;
      continue;
    }
    if (start === -1 && !isWhitespace(character)) start = index;
    if (start !== -1 && endsSentenceAt(text, index)) {
      let end = index + 1;
      while (end < text.length && (TERMINATORS.has(text[end] ?? "") || CLOSERS.has(text[end] ?? ""))) end++;
      // « Bien. » typed with an ordinary space before the closing guillemet still closes the quote.
      const spaced = /^[ \t]+[»”]+/.exec(text.slice(end, end + 8));
      if (spaced) end += spaced[0].length;
      if (end >= text.length || isWhitespace(text[end] ?? "")) {
        close(end);
        index = end;
        continue;
      }
    }
    index++;
  }
  close(text.length);
  return ranges;
}

/** The sentence holding `offset`, or the nearest one before it, or undefined for text without any. */
export function sentenceAt(ranges: TextRange[], offset: number): TextRange | undefined {
  let found: TextRange | undefined;
  for (const range of ranges) {
    if (range.start <= offset) found = range;
    if (offset < range.end) break;
  }
  return found ?? ranges[0];
}
