/** Row shapes the repositories return: camelCase, dates as Date, no driver types leaking out. */

export const CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export const EXERCISE_TYPES = ["fill-in-the-blank", "homophones", "conjugation", "dictation"] as const;
export type ExerciseType = (typeof EXERCISE_TYPES)[number];

export interface Learner {
  id: string;
  displayName: string;
  cefrLevel: CefrLevel;
  /** Correction texts are stored only while this is true; turning it off erases the stored history. */
  correctionHistoryOptIn: boolean;
  createdAt: Date;
}

/**
 * A client's Idempotency-Key and the fingerprint of the request it came with: writing again with the same key
 * returns the row the first write made, and the same key with another fingerprint is refused.
 */
export interface Idempotency {
  key: string;
  requestFingerprint: string;
}

export interface NewLearner {
  /** Lets a caller choose the id; derived from `idempotency.key` when there is one, a random uuid otherwise. */
  id?: string;
  idempotency?: Idempotency;
  displayName: string;
  cefrLevel: CefrLevel;
  correctionHistoryOptIn?: boolean;
}

export interface LearnerChanges {
  displayName?: string;
  cefrLevel?: CefrLevel;
  correctionHistoryOptIn?: boolean;
}

/**
 * One exercise of the stored bank. For `dictation`, `prompt` is the text read aloud to the learner
 * (never shown) and `answer` is the same text as it must be written.
 */
export interface Exercise {
  id: string;
  cefrLevel: CefrLevel;
  type: ExerciseType;
  prompt: string;
  /** Multiple-choice options (homophones); null for free-text answers. */
  choices: string[] | null;
  answer: string;
  explanation: string;
  ruleId: string;
}

export interface ExerciseFilter {
  cefrLevel?: CefrLevel;
  type?: ExerciseType;
  /** Defaults to 50, capped at 500. */
  limit?: number;
}

/**
 * An answer given by a learner. `exerciseId` is free text, not a foreign key: it names either a stored
 * exercise ("b1-homophones-03") or one generated at run time ("conj:aller:ipre:1sg"), so the type and
 * level are stored with the attempt to keep progress computable for both.
 */
export interface Attempt {
  id: string;
  learnerId: string;
  exerciseId: string;
  exerciseType: ExerciseType;
  cefrLevel: CefrLevel;
  answer: string;
  correct: boolean;
  createdAt: Date;
}

export type NewAttempt = Omit<Attempt, "id" | "createdAt"> & { idempotency?: Idempotency };

export interface CorrectionRecord {
  id: string;
  learnerId: string;
  text: string;
  matchCount: number;
  createdAt: Date;
}

export type NewCorrectionRecord = Omit<CorrectionRecord, "id" | "createdAt">;

export interface ScoreTally {
  attempts: number;
  correct: number;
}

export interface Progress {
  learnerId: string;
  attempts: number;
  correct: number;
  /** correct / attempts, 0 when there is no attempt yet. */
  accuracy: number;
  byType: Record<ExerciseType, ScoreTally>;
  byLevel: Record<CefrLevel, ScoreTally>;
  lastAttemptAt: Date | null;
}
