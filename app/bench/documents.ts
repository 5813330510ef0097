/**
 * Multi-paragraph documents for the latency benchmarks, made of sentences never sent before (no cache
 * hit unless the benchmark means one): paragraphs of a few sentences separated by line breaks, as an
 * editor sends a document.
 */
import { sentenceAt } from "./french-sentences.js";

const SENTENCES_PER_PARAGRAPH = 4;

/** `paragraphs` paragraphs of SENTENCES_PER_PARAGRAPH sentences, the first sentence being `firstSentence`. */
export function documentOf(paragraphs: number, firstSentence: number): string[] {
  return Array.from({ length: paragraphs }, (_, paragraph) =>
    Array.from({ length: SENTENCES_PER_PARAGRAPH }, (_, sentence) =>
      sentenceAt(firstSentence + paragraph * SENTENCES_PER_PARAGRAPH + sentence),
    ).join(" "),
  );
}

/** As many whole paragraphs as fit in `maxLength` characters (line breaks included). */
export function documentOfLength(maxLength: number, firstSentence: number): string[] {
  const paragraphs: string[] = [];
  let length = 0;
  for (let next = firstSentence; ; next += SENTENCES_PER_PARAGRAPH) {
    const [paragraph] = documentOf(1, next) as [string];
    const added = paragraph.length + (paragraphs.length > 0 ? 1 : 0);
    if (length + added > maxLength) return paragraphs;
    paragraphs.push(paragraph);
    length += added;
  }
}

/** The document with one word added at the start of paragraph `index`: what a writer's one-word edit sends again. */
export function withOneWordEdited(paragraphs: readonly string[], index: number): string[] {
  return paragraphs.map((paragraph, at) => (at === index ? `Franchement, ${paragraph.charAt(0).toLowerCase()}${paragraph.slice(1)}` : paragraph));
}

/** How many sentences documentOf(paragraphs, …) uses, to start the next document after it. */
export function sentencesIn(paragraphs: number): number {
  return paragraphs * SENTENCES_PER_PARAGRAPH;
}
