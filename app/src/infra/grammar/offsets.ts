/**
 * Offset conversion between Grammalecte and JavaScript.
 *
 * Grammalecte (Python) counts code points; JavaScript strings and LanguageTool clients count UTF-16
 * code units. They differ only on astral-plane characters (emoji, some CJK, math letters), which are
 * one code point but two code units. Combining marks (the "\u0301" of a decomposed "é") are one unit
 * in both, so decomposed accents need no correction.
 *
 * The worker splits the input into paragraphs exactly like grammalecte.text.getParagraph
 * (separators "\r\n", "\r", "\n"), but reports each paragraph's start in code points of the whole
 * original input, so a match is at paragraphStart + nStart code points from the beginning of the text.
 */

export interface Utf16Range {
  offset: number;
  length: number;
}

export interface CodePointToUtf16 {
  /** Number of code points in the text (a Python len()). */
  readonly codePointLength: number;
  /** UTF-16 offset of the code point at `codePointOffset` (may equal codePointLength: the end). */
  toUtf16(codePointOffset: number): number;
}

function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}

function isLowSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xdc00 && codeUnit <= 0xdfff;
}

/**
 * Code point indices of the astral characters of `text`, in increasing order.
 * A lone surrogate (possible in a JavaScript string) is one code point for Python too, so only a
 * well-formed high+low pair counts as astral.
 */
export function astralCodePointIndices(text: string): number[] {
  const indices: number[] = [];
  let codePoint = 0;
  for (let unit = 0; unit < text.length; unit += 1, codePoint += 1) {
    if (isHighSurrogate(text.charCodeAt(unit)) && isLowSurrogate(text.charCodeAt(unit + 1))) {
      indices.push(codePoint);
      unit += 1;
    }
  }
  return indices;
}

/** How many values of the sorted array are strictly below `limit` (binary search). */
function countBelow(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Builds a converter for one text; each conversion is then O(log(number of astral characters)). */
export function codePointToUtf16(text: string): CodePointToUtf16 {
  const astral = astralCodePointIndices(text);
  const codePointLength = text.length - astral.length;
  return {
    codePointLength,
    toUtf16(codePointOffset: number): number {
      if (!Number.isInteger(codePointOffset) || codePointOffset < 0 || codePointOffset > codePointLength) {
        throw new RangeError(
          `code point offset ${codePointOffset} is outside the text (0…${codePointLength} code points, ` +
            `${text.length} UTF-16 units); the worker and the caller are not looking at the same text`,
        );
      }
      return codePointOffset + countBelow(astral, codePointOffset);
    },
  };
}

/** Converts a paragraph-relative code point span [start, end) into a UTF-16 range of the whole text. */
export function paragraphSpanToUtf16(
  converter: CodePointToUtf16,
  paragraphStart: number,
  start: number,
  end: number,
): Utf16Range {
  if (end < start) {
    throw new RangeError(`span end ${end} is before its start ${start} (paragraph at code point ${paragraphStart})`);
  }
  const offset = converter.toUtf16(paragraphStart + start);
  return { offset, length: converter.toUtf16(paragraphStart + end) - offset };
}
