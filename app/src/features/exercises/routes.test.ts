import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLearner, postJson, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { CEFR_LEVELS, EXERCISE_TYPES } from "../../infra/db/index.js";
import type { ExerciseView } from "./exercise-view.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "exercises" });
});

afterAll(async () => {
  await stack?.close();
});

const post = (url: string, body: unknown) => postJson(stack.app, url, body);
const get = (url: string) => stack.app.inject({ method: "GET", url });

describe("exercises", () => {
  it("lists exercises of every level and type, without their answers", async () => {
    for (const level of CEFR_LEVELS) {
      for (const type of EXERCISE_TYPES) {
        const response = await get(`/api/v1/exercises?level=${level}&type=${type}&limit=3`);
        expect(response.statusCode, response.body).toBe(200);
        const { exercises } = response.json() as { exercises: ExerciseView[] };
        expect(exercises.length, `${level} ${type}`).toBeGreaterThan(0);
        for (const exercise of exercises) {
          expect(exercise.level).toBe(level);
          expect(exercise.type).toBe(type);
          expect(Object.keys(exercise)).not.toContain("answer");
          if (type === "dictation") {
            expect(exercise.prompt).toBeNull();
            expect(exercise.readAloud).toEqual(expect.any(String));
          } else {
            expect(exercise.prompt).toContain("___");
          }
        }
      }
    }
  });

  it("mixes stored and conjugation exercises when no type is given, and pages without repeats", async () => {
    const first = (await get("/api/v1/exercises?level=A1&limit=6")).json() as { exercises: ExerciseView[] };
    const second = (await get("/api/v1/exercises?level=A1&limit=6&offset=6")).json() as { exercises: ExerciseView[] };
    expect(new Set(first.exercises.map((exercise) => exercise.type)).size).toBeGreaterThan(1);
    const ids = [...first.exercises, ...second.exercises].map((exercise) => exercise.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("generates conjugation exercises from Grammalecte's conjugation tables", async () => {
    const { exercises } = (await get("/api/v1/exercises?level=A1&type=conjugation&limit=12")).json() as { exercises: ExerciseView[] };
    for (const exercise of exercises) {
      const [, infinitive, tense, person] = exercise.id.split(":");
      const table = await stack.engine.conjugate(infinitive!);
      const expected = table?.tenses[tense!]?.[person!];
      expect(expected, exercise.id).toBeDefined();
      const attempt = await post(`/api/v1/exercises/${encodeURIComponent(exercise.id)}/attempts`, { answer: expected });
      expect(attempt.statusCode, attempt.body).toBe(200);
      expect((attempt.json() as { correct: boolean }).correct, exercise.id).toBe(true);
    }
  });

  it("round-trips list → get → attempts → progress for a learner", async () => {
    const learnerId = await createLearner(stack.app, "A1", false);
    const { exercises } = (await get("/api/v1/exercises?level=A1&type=homophones&limit=2")).json() as { exercises: ExerciseView[] };
    const [first, second] = exercises;
    expect(first && second).toBeTruthy();

    const fetched = await get(`/api/v1/exercises/${first!.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(first);

    // A wrong answer tells the expected one and the explanation.
    const wrongChoice = first!.choices!.find((choice) => choice !== undefined)!;
    const wrong = (await post(`/api/v1/exercises/${first!.id}/attempts`, { answer: `${wrongChoice}-faux`, learnerId })).json() as {
      correct: boolean;
      expectedAnswer: string;
      explanation: string;
      attemptId: string | null;
    };
    expect(wrong.correct).toBe(false);
    expect(first!.choices).toContain(wrong.expectedAnswer);
    expect(wrong.explanation.length).toBeGreaterThan(0);
    expect(wrong.attemptId).toEqual(expect.any(String));

    // The expected answer with other case and spaces is right.
    const right = (await post(`/api/v1/exercises/${first!.id}/attempts`, { answer: `  ${wrong.expectedAnswer.toUpperCase()} `, learnerId })).json() as {
      correct: boolean;
      verdict: string;
    };
    expect(right).toMatchObject({ correct: true, verdict: "correct" });

    // Answering the second exercise without a learner is checked but not recorded.
    const anonymous = (await post(`/api/v1/exercises/${second!.id}/attempts`, { answer: "x" })).json() as { attemptId: string | null };
    expect(anonymous.attemptId).toBeNull();

    const progress = await get(`/api/v1/learners/${learnerId}/progress`);
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json()).toMatchObject({
      learnerId,
      attempts: 2,
      correct: 1,
      accuracy: 0.5,
      byType: { homophones: { attempts: 2, correct: 1 } },
      byLevel: { A1: { attempts: 2, correct: 1 } },
      lastAttemptAt: expect.any(String),
    });
  });

  it("counts an answer that differs only by accents as wrong, and says it is the accent", async () => {
    // Find an A1 conjugation exercise whose answer carries an accent, through the API and the engine.
    const { exercises } = (await get("/api/v1/exercises?level=A2&type=conjugation&limit=40")).json() as { exercises: ExerciseView[] };
    let accented: { id: string; answer: string } | undefined;
    for (const exercise of exercises) {
      const [, infinitive, tense, person] = exercise.id.split(":");
      if (tense === "pcom") continue;
      const form = (await stack.engine.conjugate(infinitive!))?.tenses[tense!]?.[person!];
      if (form && /[àâéèêëîïôûùç]/.test(form)) {
        accented = { id: exercise.id, answer: form };
        break;
      }
    }
    expect(accented, "an A2 conjugation answer with an accent").toBeDefined();
    const bare = accented!.answer.normalize("NFD").replace(/\p{Mn}/gu, "");
    const response = (await post(`/api/v1/exercises/${encodeURIComponent(accented!.id)}/attempts`, { answer: bare })).json() as {
      correct: boolean;
      verdict: string;
      feedback: string;
      expectedAnswer: string;
    };
    expect(response).toMatchObject({ correct: false, verdict: "accents", expectedAnswer: accented!.answer });
    expect(response.feedback).toMatch(/accent/);
  });
});
