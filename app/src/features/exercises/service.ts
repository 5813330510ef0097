/**
 * Where exercises come from, and answering them. They come from the stored bank (database) for
 * fill-in-the-blank, homophones and dictation, and from Grammalecte's conjugation tables for conjugation;
 * both go through the "exercises" cache layer.
 */
import type { FastifyInstance } from "fastify";
import { CEFR_LEVELS, type CefrLevel, type Exercise, type ExerciseType } from "../../infra/db/index.js";
import type { ConjugationTable } from "../../infra/grammar/engine.js";
import { notFound, quoteInput } from "../../infra/http/errors.js";
import { idempotencyOf } from "../../infra/http/idempotency-key.js";
import { checkAnswer, describeVerdict } from "./answer-check.js";
import {
  buildConjugationExercise,
  conjugationKeysForLevel,
  engineInfinitive,
  parseConjugationExerciseId,
  type ConjugationExerciseKey,
} from "./conjugation.js";

function conjugationTable(app: FastifyInstance, infinitive: string): Promise<ConjugationTable | null> {
  const verb = engineInfinitive(infinitive);
  return app.cache.getOrCompute("exercises", { op: "conjugation-table", engine: app.grammar.version, verb }, () =>
    app.grammar.conjugate(verb),
  );
}

async function auxiliaries(app: FastifyInstance): Promise<{ avoir: ConjugationTable; être: ConjugationTable } | undefined> {
  const [avoir, être] = await Promise.all([conjugationTable(app, "avoir"), conjugationTable(app, "être")]);
  return avoir && être ? { avoir, être } : undefined;
}

async function conjugationExercise(app: FastifyInstance, key: ConjugationExerciseKey): Promise<Exercise | undefined> {
  const [table, helpers] = await Promise.all([conjugationTable(app, key.infinitive), auxiliaries(app)]);
  if (!table || !helpers) return undefined;
  return buildConjugationExercise(key, table, helpers);
}

/** The exercise with this id, or undefined. Misses are not cached, so a newly seeded exercise shows up at once. */
async function findExercise(app: FastifyInstance, id: string): Promise<Exercise | undefined> {
  const conjugationKey = parseConjugationExerciseId(id);
  if (conjugationKey) return conjugationExercise(app, conjugationKey);
  if (id.startsWith("conj:")) return undefined;
  return app.cache.getOrCompute("exercises", { op: "stored-exercise", id }, () => app.db.exercises.get(id));
}

/** The exercise with this id, or a 404 that says where valid ids come from. */
export async function requireExercise(app: FastifyInstance, id: string): Promise<Exercise> {
  const exercise = await findExercise(app, id);
  if (!exercise) {
    throw notFound(
      "exercise_not_found",
      `No exercise with id ${quoteInput(id)}: list the available ones with GET /api/v1/exercises?level=A1 and use one of their ids.`,
    );
  }
  return exercise;
}

export interface ExerciseQuery {
  level?: CefrLevel;
  type?: ExerciseType;
  limit: number;
  offset: number;
}

/** Conjugation exercises of one level (or of all, easiest first), skipping forms a defective verb lacks. */
async function conjugationExercises(app: FastifyInstance, query: ExerciseQuery, wanted: number): Promise<Exercise[]> {
  const levels = query.level ? [query.level] : [...CEFR_LEVELS];
  const keys = levels.flatMap((level) => conjugationKeysForLevel(level));
  const exercises: Exercise[] = [];
  for (let index = query.offset; index < keys.length && exercises.length < wanted; ) {
    const batch = keys.slice(index, index + (wanted - exercises.length));
    index += batch.length;
    const built = await Promise.all(batch.map((key) => conjugationExercise(app, key)));
    for (const exercise of built) if (exercise) exercises.push(exercise);
  }
  return exercises;
}

async function storedExercises(app: FastifyInstance, query: ExerciseQuery, wanted: number): Promise<Exercise[]> {
  const rows = await app.db.exercises.list({
    ...(query.level ? { cefrLevel: query.level } : {}),
    ...(query.type ? { type: query.type } : {}),
    limit: query.offset + wanted,
  });
  return rows.slice(query.offset, query.offset + wanted);
}

function interleave(first: Exercise[], second: Exercise[]): Exercise[] {
  const mixed: Exercise[] = [];
  for (let index = 0; index < first.length || index < second.length; index++) {
    const a = first[index];
    const b = second[index];
    if (a) mixed.push(a);
    if (b) mixed.push(b);
  }
  return mixed;
}

/**
 * A page of exercises. Without a type, stored and conjugation exercises alternate; the page is a slice
 * of that alternating list, so offsets page through it without repeats. Cached per query.
 */
export function listExercises(app: FastifyInstance, query: ExerciseQuery): Promise<Exercise[]> {
  return app.cache.getOrCompute("exercises", { op: "exercise-list", engine: app.grammar.version, ...query }, async () => {
    if (query.type === "conjugation") return conjugationExercises(app, query, query.limit);
    if (query.type) return storedExercises(app, query, query.limit);
    const everything = { ...query, offset: 0 };
    const [stored, conjugation] = await Promise.all([
      storedExercises(app, everything, query.offset + query.limit),
      conjugationExercises(app, everything, query.offset + query.limit),
    ]);
    return interleave(stored, conjugation).slice(query.offset, query.offset + query.limit);
  });
}

/**
 * The verdict on an answer, recorded in the learner's progress when there is a learner to credit; with an
 * idempotency key, a resent attempt is recorded once (nothing is recorded without a learner, so the key is moot).
 */
export async function answerExercise(app: FastifyInstance, exercise: Exercise, answer: string, learnerId: string | undefined, idempotencyKey?: string) {
  const verdict = checkAnswer(exercise.answer, answer);
  const idempotency = idempotencyOf(idempotencyKey, { exerciseId: exercise.id, answer });
  const attempt =
    learnerId === undefined
      ? undefined
      : await app.db.attempts.record({
          learnerId,
          exerciseId: exercise.id,
          exerciseType: exercise.type,
          cefrLevel: exercise.cefrLevel,
          answer,
          correct: verdict.correct,
          ...(idempotency ? { idempotency } : {}),
        });
  return {
    exerciseId: exercise.id,
    correct: verdict.correct,
    verdict: verdict.correct ? "correct" : verdict.reason === "accents" ? "accents" : "incorrect",
    feedback: describeVerdict(verdict, exercise.answer),
    expectedAnswer: exercise.answer,
    givenAnswer: answer,
    explanation: exercise.explanation,
    differences: verdict.correct ? [] : verdict.differences,
    attemptId: attempt?.id ?? null,
  };
}
