import { z } from "zod";
import { CEFR_LEVELS, EXERCISE_TYPES, type Exercise } from "../../infra/db/index.js";
import { duplicates, loadContent } from "../../infra/content/load-content.js";

const text = z.string().trim().min(1, "expected some text");

export const exerciseBankSchema = z.strictObject({
  exercises: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-c][12]-(homophones|fill|dictation)-\d{2}$/u, "expected an id such as b2-fill-03 (level, kind, number)"),
      cefrLevel: z.enum(CEFR_LEVELS),
      // Conjugation exercises are generated from Grammalecte's tables, never stored.
      type: z.enum(EXERCISE_TYPES.filter((type) => type !== "conjugation") as [Exercise["type"], ...Exercise["type"][]]),
      prompt: text,
      choices: z.array(text).min(2, "expected at least two choices").nullable(),
      answer: text,
      explanation: text,
      ruleId: z.string().regex(/^[a-zà-ÿ0-9-]+$/u, "expected a lower-case rule id that explanations.yaml lists, such as homophones-a-à"),
    }),
  ),
});

/** What no single field can check: unique ids, and answers that fit the kind of exercise. */
export function exerciseBankProblems({ exercises }: z.output<typeof exerciseBankSchema>): string[] {
  const problems = duplicates(exercises.map((exercise) => exercise.id)).map((id) => `id ${id} names two exercises: ids must be unique`);
  for (const exercise of exercises) {
    const at = `exercise ${exercise.id}`;
    if (exercise.type === "homophones" && !exercise.choices?.includes(exercise.answer)) {
      problems.push(`${at}: the answer ${JSON.stringify(exercise.answer)} must be one of its choices`);
    }
    if (exercise.type !== "homophones" && exercise.choices !== null) problems.push(`${at}: only homophones exercises have choices; set choices: null`);
    if (exercise.type === "dictation" && exercise.answer !== exercise.prompt) problems.push(`${at}: a dictation's answer is its dictated text (the prompt)`);
    if (exercise.type !== "dictation" && exercise.prompt.split("___").length !== 2) problems.push(`${at}: the prompt needs exactly one blank (___)`);
  }
  return problems;
}

/**
 * The exercise bank as app/content/exercises.yaml holds it: what a fresh database gets from the migrations,
 * which carry frozen copies (a test keeps the two equal).
 */
export function loadExerciseBank(name = "exercises.yaml"): Exercise[] {
  return loadContent(name, exerciseBankSchema, exerciseBankProblems).exercises;
}

export const EXERCISE_BANK: readonly Exercise[] = loadExerciseBank();
