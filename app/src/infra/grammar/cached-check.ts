/**
 * Engine checks through the "corrections" cache layer, shared by /v2/check and /api/v1/corrections, one
 * paragraph at a time: re-checking a document in which one paragraph changed sends that paragraph alone
 * to the engine, and the paragraphs of a long text that no cache holds are checked in parallel.
 */
import type { FastifyInstance } from "fastify";
import pLimit from "p-limit";
import type { LayeredCache } from "../cache/layered-cache.js";
import type { CheckLevel, GrammarMatch } from "./engine.js";
import type { GrammarService } from "./plugin.js";

/** One paragraph of a text and where it starts in it (UTF-16 code units). */
export interface Paragraph {
  start: number;
  text: string;
}

/**
 * Grammalecte's paragraphs: the text between line breaks ("\r\n", "\r" or "\n", as worker.py and
 * grammalecte.text.getParagraph split), so a paragraph checked alone gets the matches it gets inside the whole
 * text. Empty paragraphs are kept: the starts of the others stay those of the text.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (const lineBreak of text.matchAll(/\r\n|\r|\n/g)) {
    paragraphs.push({ start, text: text.slice(start, lineBreak.index) });
    start = lineBreak.index + lineBreak[0].length;
  }
  paragraphs.push({ start, text: text.slice(start) });
  return paragraphs;
}

/** A paragraph's matches moved to where the paragraph starts in the whole text. */
export function shiftMatches(matches: GrammarMatch[], by: number): GrammarMatch[] {
  return by === 0 ? matches : matches.map((match) => ({ ...match, offset: match.offset + by }));
}

/**
 * Each paragraph's key is its text as sent (offsets refer to it, so it is not rewritten), with the level and the
 * engine version: an engine upgrade never serves matches computed by the previous one. The matches of the whole
 * text are those of its paragraphs in order, which is the engine's order too (by offset, then length).
 */
export async function checkParagraphsThroughCache(
  grammar: Pick<GrammarService, "version" | "parallelism" | "check">,
  cache: LayeredCache,
  text: string,
  level: CheckLevel,
): Promise<GrammarMatch[]> {
  const engineSlot = pLimit(Math.max(1, grammar.parallelism));
  const paragraphs = splitParagraphs(text).filter((paragraph) => paragraph.text.trim() !== "");
  const matchesByParagraph = await Promise.all(
    paragraphs.map(async (paragraph) => {
      const matches = await cache.getOrCompute<GrammarMatch[]>(
        "corrections",
        { op: "check-paragraph", engine: grammar.version, level, text: paragraph.text },
        () => engineSlot(() => grammar.check(paragraph.text, { level })),
      );
      return shiftMatches(matches, paragraph.start);
    }),
  );
  return matchesByParagraph.flat();
}

export function checkThroughCache(app: FastifyInstance, text: string, level: CheckLevel): Promise<GrammarMatch[]> {
  return checkParagraphsThroughCache(app.grammar, app.cache, text, level);
}
