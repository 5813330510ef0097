/**
 * The traffic a load test sends, as the service sees it in use: LanguageTool clients re-sending the document being
 * typed (the same paragraphs, one word changed since the last check), native corrections of distinct texts,
 * exercise reads, and learners answering exercises. Every request is built from its sequence number, so a run is
 * reproducible and this module has no state.
 */
import { sentenceAt } from "../../app/bench/french-sentences.js";

export const REQUEST_KINDS = ["languagetool-typing", "native-correction", "exercise-read", "learner-attempt"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * One turn of the mix, repeated by every connection: half LanguageTool checks (editor plugins check as the user
 * types, so they dominate), a fifth native corrections, a fifth exercise reads, a tenth recorded attempts.
 */
export const MIX_CYCLE: readonly RequestKind[] = [
  "languagetool-typing",
  "native-correction",
  "languagetool-typing",
  "exercise-read",
  "languagetool-typing",
  "learner-attempt",
  "languagetool-typing",
  "native-correction",
  "languagetool-typing",
  "exercise-read",
];

/** Share of each kind in the mix, in percent. */
export function mixShares(cycle: readonly RequestKind[] = MIX_CYCLE): Record<RequestKind, number> {
  const shares = Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, 0])) as Record<RequestKind, number>;
  for (const kind of cycle) shares[kind] += 100 / cycle.length;
  return shares;
}

/** What the run needs from the service before it starts: exercises to read and answer, learners to answer them. */
export interface MixFixtures {
  exerciseIds: readonly string[];
  learnerIds: readonly string[];
}

export interface PlannedRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** People typing at once in LanguageTool clients; each has a document of their own. */
export const TYPISTS = 8;
const PARAGRAPHS = 3;
const SENTENCES_PER_PARAGRAPH = 3;
/** Words a typist puts in place of another; a few of them make mistakes Grammalecte reports. */
const TYPED_WORDS = ["maison", "grand", "souvent", "mangé", "chevaux", "leurs", "quand", "beaucoup", "a", "ces", "parlé", "belle"];
const CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
/** Native corrections draw from a part of the sentence space the typists' documents do not use. */
const NATIVE_TEXTS_OFFSET = 1_000_000;

function baseDocument(typist: number): string[][] {
  return Array.from({ length: PARAGRAPHS }, (_, paragraph) =>
    Array.from({ length: SENTENCES_PER_PARAGRAPH }, (_, sentence) => sentenceAt((typist * PARAGRAPHS + paragraph) * SENTENCES_PER_PARAGRAPH + sentence))
      .join(" ")
      .split(" "),
  );
}

/**
 * Revision `revision` of a typist's document: revision r replaced the (r mod n)-th plain word (of n) with a typed
 * word, so each revision differs from the previous one by one word, in one paragraph, and the others are unchanged.
 */
export function typingDocument(typist: number, revision: number): string {
  const paragraphs = baseDocument(typist);
  const plainWords = paragraphs.flatMap((words, paragraph) => words.flatMap((word, index) => (/^\p{L}+$/u.test(word) ? [{ paragraph, index }] : [])));
  const count = plainWords.length;
  plainWords.forEach((position, slot) => {
    // The latest revision r <= revision with r mod count === slot, if any rewrote this word.
    const latest = revision - ((((revision - slot) % count) + count) % count);
    if (latest >= 1) (paragraphs[position.paragraph] as string[])[position.index] = TYPED_WORDS[latest % TYPED_WORDS.length] as string;
  });
  return paragraphs.map((words) => words.join(" ")).join("\n\n");
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const JSON_BODY = { "content-type": "application/json" };

function pick<T>(values: readonly T[], index: number, what: string): T {
  if (values.length === 0) throw new Error(`the load test has no ${what} to use: the setup found none`);
  return values[index % values.length] as T;
}

/**
 * The `sequence`-th request of its kind (0, 1, 2… per kind). `newKey` gives the Idempotency-Key of a write: a
 * real client makes one per request.
 */
export function buildRequest(kind: RequestKind, sequence: number, fixtures: MixFixtures, newKey: () => string): PlannedRequest {
  switch (kind) {
    case "languagetool-typing": {
      const text = typingDocument(sequence % TYPISTS, Math.floor(sequence / TYPISTS));
      return { method: "POST", path: "/v2/check", headers: FORM, body: new URLSearchParams({ text, language: "fr-FR" }).toString() };
    }
    case "native-correction":
      return { method: "POST", path: "/api/v1/corrections", headers: JSON_BODY, body: JSON.stringify({ text: sentenceAt(NATIVE_TEXTS_OFFSET + sequence) }) };
    case "exercise-read":
      return sequence % 2 === 0
        ? { method: "GET", path: `/api/v1/exercises?level=${CEFR_LEVELS[(sequence / 2) % CEFR_LEVELS.length]}&limit=10`, headers: {} }
        : { method: "GET", path: `/api/v1/exercises/${encodeURIComponent(pick(fixtures.exerciseIds, sequence, "exercises"))}`, headers: {} };
    case "learner-attempt": {
      const exerciseId = pick(fixtures.exerciseIds, sequence * 7, "exercises");
      const learnerId = pick(fixtures.learnerIds, sequence, "learners");
      return {
        method: "POST",
        path: `/api/v1/exercises/${encodeURIComponent(exerciseId)}/attempts`,
        headers: { ...JSON_BODY, "idempotency-key": newKey() },
        body: JSON.stringify({ answer: "réponse", learnerId }),
      };
    }
  }
}
