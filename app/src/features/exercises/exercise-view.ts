/** What a learner's app receives for an exercise: everything needed to show it, nothing that gives the answer away. */
import type { CefrLevel, Exercise, ExerciseType } from "../../infra/db/index.js";

export interface ExerciseView {
  id: string;
  level: CefrLevel;
  type: ExerciseType;
  /** What to do, in French. */
  instructions: string;
  /** The sentence or question shown; null for dictation, whose text must not be shown. */
  prompt: string | null;
  /** Options to pick from (homophones); null for free-text answers. */
  choices: string[] | null;
  /** Dictation only: the text for the app's speech synthesis to read aloud, never to display. */
  readAloud: string | null;
  ruleId: string;
}

const INSTRUCTIONS: Record<ExerciseType, string> = {
  "fill-in-the-blank": "Complétez la phrase avec le mot qui convient.",
  homophones: "Choisissez le mot qui convient pour compléter la phrase.",
  conjugation: "Écrivez la forme conjuguée du verbe.",
  dictation: "Écoutez la phrase et écrivez-la sans faute.",
};

export function toExerciseView(exercise: Exercise): ExerciseView {
  const dictation = exercise.type === "dictation";
  return {
    id: exercise.id,
    level: exercise.cefrLevel,
    type: exercise.type,
    instructions: INSTRUCTIONS[exercise.type],
    prompt: dictation ? null : exercise.prompt,
    choices: exercise.choices,
    readAloud: dictation ? exercise.prompt : null,
    ruleId: exercise.ruleId,
  };
}
