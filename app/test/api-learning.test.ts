/** The learner side: corrections with explanations, explanations, exercises, attempts and progress. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CEFR_LEVELS, EXERCISE_TYPES } from "../src/db/models.js";
import type { ExerciseView } from "../src/exercises/exercise-view.js";
import { startTestStack, type TestStack } from "./api-harness.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ purpose: "learn" });
});

afterAll(async () => {
  await stack?.close();
});

async function post(url: string, body: unknown) {
  return stack.app.inject({ method: "POST", url, headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
}

async function get(url: string) {
  return stack.app.inject({ method: "GET", url });
}

interface CorrectionMatch {
  offset: number;
  length: number;
  excerpt: string;
  replacements: string[];
  applied: boolean;
  ruleId: string;
  category: { id: string; name: string };
  explanation: { id: string; title: string; explanation: string; example: { incorrect: string; correct: string } };
}

interface CorrectionResponse {
  text: string;
  correctedText: string;
  matches: CorrectionMatch[];
  history: { recorded: boolean; reason: string } | null;
}

async function createLearner(level: string, correctionHistoryOptIn: boolean): Promise<string> {
  const response = await post("/api/v1/learners", { displayName: "Camille", level, correctionHistoryOptIn });
  expect(response.statusCode, response.body).toBe(201);
  const learner = response.json() as { id: string; level: string; correctionHistoryOptIn: boolean };
  expect(learner.level).toBe(level);
  expect(learner.correctionHistoryOptIn).toBe(correctionHistoryOptIn);
  expect(response.headers.location).toBe(`/api/v1/learners/${learner.id}`);
  return learner.id;
}

describe("POST /api/v1/corrections", () => {
  it("returns the matches, the corrected text and a French explanation with an example for each", async () => {
    const text = "Hier, les enfant ont manger des pomme.";
    const response = await post("/api/v1/corrections", { text });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as CorrectionResponse;
    expect(result.text).toBe(text);
    expect(result.matches.length).toBeGreaterThan(1);
    for (const match of result.matches) {
      expect(match.excerpt).toBe(text.slice(match.offset, match.offset + match.length));
      expect(match.explanation.title.length).toBeGreaterThan(0);
      expect(match.explanation.explanation.length).toBeGreaterThan(20);
      expect(match.explanation.example.incorrect).not.toBe(match.explanation.example.correct);
    }
    // The corrected text is the original with each applied match's first replacement in place.
    let rebuilt = "";
    let position = 0;
    for (const match of result.matches.filter((m) => m.applied).sort((a, b) => a.offset - b.offset)) {
      rebuilt += text.slice(position, match.offset) + match.replacements[0];
      position = match.offset + match.length;
    }
    expect(result.correctedText).toBe(rebuilt + text.slice(position));
    expect(result.correctedText).not.toBe(text);
    expect(result.history).toBeNull();

    // The corrected text has none of the errors that were corrected.
    const again = (await post("/api/v1/corrections", { text: result.correctedText })).json() as CorrectionResponse;
    for (const fixed of result.matches.filter((m) => m.applied)) {
      expect(again.matches.some((m) => m.ruleId === fixed.ruleId && m.excerpt === fixed.excerpt)).toBe(false);
    }
  });

  it("records the text in a learner's history only when the learner opted in", async () => {
    const optedIn = await createLearner("B1", true);
    const notOptedIn = await createLearner("B1", false);
    const text = `Il a manger ${Date.now()} pommes.`;
    const kept = (await post("/api/v1/corrections", { text, learnerId: optedIn })).json() as CorrectionResponse;
    expect(kept.history?.recorded).toBe(true);
    const notKept = (await post("/api/v1/corrections", { text, learnerId: notOptedIn })).json() as CorrectionResponse;
    expect(notKept.history?.recorded).toBe(false);
    expect((await stack.database.corrections.listForLearner(optedIn)).map((record) => record.text)).toEqual([text]);
    expect(await stack.database.corrections.listForLearner(notOptedIn)).toEqual([]);

    // Opting out through the API erases what was kept.
    const optOut = await stack.app.inject({
      method: "PATCH",
      url: `/api/v1/learners/${optedIn}`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ correctionHistoryOptIn: false }),
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    expect(await stack.database.corrections.listForLearner(optedIn)).toEqual([]);
  });
});

describe("explanations", () => {
  it("explains the rule of a match, by its rule id, with an example", async () => {
    const correction = (await post("/api/v1/corrections", { text: "Les enfant jouent." })).json() as CorrectionResponse;
    const [match] = correction.matches;
    expect(match).toBeDefined();
    const response = await get(`/api/v1/explanations/${encodeURIComponent(match!.ruleId)}`);
    expect(response.statusCode, response.body).toBe(200);
    const explanation = response.json() as CorrectionMatch["explanation"];
    expect(explanation.title.length).toBeGreaterThan(0);
    expect(explanation.example.correct.length).toBeGreaterThan(0);

    const byCategory = await get(`/api/v1/explanations/${match!.category.id}`);
    expect(byCategory.statusCode).toBe(200);
    const all = (await get("/api/v1/explanations")).json() as { explanations: { id: string }[] };
    expect(all.explanations.map((entry) => entry.id)).toContain(match!.category.id);
  });
});

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
    const learnerId = await createLearner("A1", false);
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
