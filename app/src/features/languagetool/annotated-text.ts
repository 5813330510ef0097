/**
 * LanguageTool's annotated text (`data` parameter): a document given as a list of text and markup parts.
 * Only text parts (and `interpretAs` stand-ins for markup) are checked, but every offset reported back
 * is an offset into the original document, markup included, so an editor can underline the right place.
 */
import { HttpError, badRequest, describeType, quoteInput } from "../../infra/http/errors.js";
import { requireBoundedJsonNesting } from "../../infra/http/json-depth.js";

interface Segment {
  kind: "text" | "markup";
  /** Range in the checked (plain) text. */
  plainStart: number;
  plainEnd: number;
  /** Range in the original document, markup included. */
  originalStart: number;
  originalEnd: number;
}

export class AnnotatedText {
  /** What the engine checks: text parts plus the `interpretAs` of markup parts. */
  readonly plainText: string;
  /** The whole document as the client has it, markup included: what offsets and contexts refer to. */
  readonly originalText: string;
  private readonly segments: Segment[];

  private constructor(plainText: string, originalText: string, segments: Segment[]) {
    this.plainText = plainText;
    this.originalText = originalText;
    this.segments = segments;
  }

  static fromPlainText(text: string): AnnotatedText {
    return new AnnotatedText(text, text, [
      { kind: "text", plainStart: 0, plainEnd: text.length, originalStart: 0, originalEnd: text.length },
    ]);
  }

  static fromParts(parts: AnnotationPart[]): AnnotatedText {
    let plain = "";
    let original = "";
    const segments: Segment[] = [];
    for (const part of parts) {
      if ("text" in part) {
        segments.push({
          kind: "text",
          plainStart: plain.length,
          plainEnd: plain.length + part.text.length,
          originalStart: original.length,
          originalEnd: original.length + part.text.length,
        });
        plain += part.text;
        original += part.text;
      } else {
        const stand = part.interpretAs ?? "";
        segments.push({
          kind: "markup",
          plainStart: plain.length,
          plainEnd: plain.length + stand.length,
          originalStart: original.length,
          originalEnd: original.length + part.markup.length,
        });
        plain += stand;
        original += part.markup;
      }
    }
    return new AnnotatedText(plain, original, segments);
  }

  get isPlain(): boolean {
    return this.plainText === this.originalText && this.segments.length === 1;
  }

  /**
   * Maps a position of the checked text to the original document. Inside text the mapping is one to one;
   * a position inside an `interpretAs` stand-in maps to the start of its markup (for a start) or to the
   * end of it (for an end), so a match touching the stand-in covers the whole markup.
   */
  toOriginalOffset(plainOffset: number, side: "start" | "end"): number {
    if (this.segments.length === 0) return 0;
    // A start belongs to the segment that begins at or before it and extends beyond it; an end belongs
    // to the segment that ends at or after it. Zero-length markup (no interpretAs) is skipped over.
    const candidates = this.segments.filter((segment) =>
      side === "start"
        ? segment.plainStart <= plainOffset && plainOffset < segment.plainEnd
        : segment.plainStart < plainOffset && plainOffset <= segment.plainEnd,
    );
    const segment = candidates[0];
    if (segment === undefined) {
      // Outside every non-empty segment: the very start or the very end of the document.
      return plainOffset <= 0 ? (side === "start" ? this.firstTextOriginalStart() : 0) : this.originalText.length;
    }
    if (segment.kind === "text") return segment.originalStart + (plainOffset - segment.plainStart);
    return side === "start" ? segment.originalStart : segment.originalEnd;
  }

  private firstTextOriginalStart(): number {
    const first = this.segments.find((segment) => segment.plainEnd > segment.plainStart);
    return first ? first.originalStart : 0;
  }
}

export type AnnotationPart = { text: string } | { markup: string; interpretAs?: string };

const DATA_EXAMPLE = '{"annotation":[{"text":"Il "},{"markup":"<b>"},{"text":"mange"},{"markup":"</b>"}]}';

/** Parses the `data` parameter, throwing a 400 that names the faulty part. */
export function parseAnnotatedData(raw: unknown): AnnotatedText {
  let document: unknown = raw;
  if (typeof raw === "string") {
    try {
      document = JSON.parse(requireBoundedJsonNesting(raw, 'The "data" parameter'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw badRequest(
        "invalid_json",
        `The "data" parameter is not valid JSON (${(error as Error).message}): send annotated text such as ${DATA_EXAMPLE}.`,
      );
    }
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw badRequest(
      "invalid_parameter",
      `The "data" parameter must be a JSON object with an "annotation" array, got ${describeType(document)}: send e.g. ${DATA_EXAMPLE}.`,
    );
  }
  const annotation = (document as { annotation?: unknown }).annotation;
  if (!Array.isArray(annotation)) {
    throw badRequest(
      "invalid_parameter",
      `The "data" parameter has no "annotation" array (got ${describeType(annotation)}): send e.g. ${DATA_EXAMPLE}.`,
    );
  }
  const parts: AnnotationPart[] = annotation.map((item: unknown, index): AnnotationPart => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw badRequest(
        "invalid_parameter",
        `data.annotation[${index}] must be an object with "text" or "markup", got ${describeType(item)}.`,
      );
    }
    const { text, markup, interpretAs } = item as { text?: unknown; markup?: unknown; interpretAs?: unknown };
    if (typeof text === "string" && markup === undefined) return { text };
    if (typeof markup === "string" && text === undefined) {
      if (interpretAs === undefined) return { markup };
      if (typeof interpretAs === "string") return { markup, interpretAs };
      throw badRequest(
        "invalid_parameter",
        `data.annotation[${index}].interpretAs must be a string, got ${describeType(interpretAs)} (${quoteInput(interpretAs)}).`,
      );
    }
    throw badRequest(
      "invalid_parameter",
      `data.annotation[${index}] must have exactly one of "text" (a string) or "markup" (a string, with an optional "interpretAs"), got ${quoteInput(item)}.`,
    );
  });
  return AnnotatedText.fromParts(parts);
}
