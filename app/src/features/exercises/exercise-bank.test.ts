import { globSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ContentError, parseContent } from "../../infra/content/load-content.js";
import { CEFR_LEVELS, type Exercise } from "../../infra/db/index.js";
import { getExplanation } from "../../infra/grammar/explanations.js";
import { CONJUGATION_PLAN } from "./conjugation.js";
import { EXERCISE_BANK, exerciseBankProblems, exerciseBankSchema } from "./exercise-bank.js";

describe("the seeded exercise bank", () => {
  it("has at least 4 exercises per CEFR level, mixing fill-in-the-blank, homophones and dictation", () => {
    for (const level of CEFR_LEVELS) {
      const atLevel = EXERCISE_BANK.filter((exercise) => exercise.cefrLevel === level);
      expect(atLevel.length, level).toBeGreaterThanOrEqual(4);
      expect(new Set(atLevel.map((exercise) => exercise.type)), level).toEqual(new Set(["fill-in-the-blank", "homophones", "dictation"]));
    }
  });

  it("leaves conjugation to the generator", () => {
    expect(EXERCISE_BANK.some((exercise) => exercise.type === "conjugation")).toBe(false);
  });

  it("has unique ids that cannot be mistaken for generated ones", () => {
    const ids = EXERCISE_BANK.map((exercise) => exercise.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-c][12]-(homophones|fill|dictation)-\d{2}$/);
  });

  it("offers the answer among the choices of every multiple-choice exercise, and only there", () => {
    for (const exercise of EXERCISE_BANK) {
      if (exercise.type === "homophones") {
        expect(exercise.choices, exercise.id).not.toBeNull();
        expect(exercise.choices, exercise.id).toContain(exercise.answer);
        expect(new Set(exercise.choices).size, exercise.id).toBe(exercise.choices?.length);
      } else {
        expect(exercise.choices, exercise.id).toBeNull();
      }
    }
  });

  it("has one blank in every gap exercise, and dictations whose answer is the dictated text", () => {
    for (const exercise of EXERCISE_BANK) {
      if (exercise.type === "dictation") {
        expect(exercise.answer, exercise.id).toBe(exercise.prompt);
        expect(exercise.prompt, exercise.id).not.toContain("___");
      } else {
        expect(exercise.prompt.split("___").length - 1, exercise.id).toBe(1);
      }
    }
  });

  it("explains every answer and names its rule", () => {
    for (const exercise of EXERCISE_BANK) {
      expect(exercise.explanation.length, exercise.id).toBeGreaterThan(30);
      expect(exercise.ruleId, exercise.id).toMatch(/^[a-zà-ÿ-]+$/);
    }
  });
});

describe("the exercise bank's content file", () => {
  it("is what the migrations insert: an edit to app/content/exercises.yaml ships with a migration that carries it", () => {
    const migrationsData = new URL("../../../migrations/data/", import.meta.url);
    const inserted = new Map<string, Exercise>();
    for (const file of globSync("*_exercise-bank.json", { cwd: fileURLToPath(migrationsData) }).sort()) {
      for (const exercise of JSON.parse(readFileSync(new URL(file, migrationsData), "utf8")) as Exercise[]) inserted.set(exercise.id, exercise);
    }
    expect(inserted.size).toBeGreaterThan(0);
    expect([...inserted.values()]).toEqual(EXERCISE_BANK);
  });

  it("links every exercise, stored or generated, to an explanation", () => {
    const generatedRuleIds = [...new Set(Object.values(CONJUGATION_PLAN).flatMap((plan) => plan.tenses))].map((tense) => `conjugation-${tense}`);
    const ruleIds = [...new Set([...EXERCISE_BANK.map((exercise) => exercise.ruleId), ...generatedRuleIds])];
    expect(ruleIds.length).toBeGreaterThan(31);
    expect(ruleIds.filter((ruleId) => getExplanation(ruleId) === null)).toEqual([]);
    expect(getExplanation("homophones-a-à")?.id).toBe("A_OR_À");
    expect(getExplanation("conjugation-spre")?.id).toBe("SUBJUNCTIVE");
  });

  it("names the exercise and the field of every mistake, all at once", () => {
    const document = {
      exercises: [
        { id: "a1-fill-01", cefrLevel: "A1", type: "fill-in-the-blank", prompt: "Je ___ ici.", choices: null, answer: "suis", explanation: "Être au présent.", ruleId: "conjugaison-etre-present" },
        { id: "a1-fill-01", cefrLevel: "Z9", type: "homophones", prompt: "Il ___ là.", choices: ["est"], answer: "et", explanation: "", ruleId: "Bad Id" },
      ],
    };
    expect(() => parseContent("exercises.yaml", document, exerciseBankSchema, exerciseBankProblems)).toThrow(ContentError);
    try {
      parseContent("exercises.yaml", document, exerciseBankSchema, exerciseBankProblems);
    } catch (error) {
      const problems = (error as ContentError).problems;
      expect(problems).toHaveLength(4);
      expect(problems[0]).toMatch(/^exercises\[1\] \(a1-fill-01\)\.cefrLevel: /);
      expect(problems.find((problem) => problem.includes(".choices"))).toMatch(/expected at least two choices/);
      expect(problems.find((problem) => problem.includes(".explanation"))).toMatch(/expected some text/);
      expect(problems.find((problem) => problem.includes(".ruleId"))).toMatch(/lower-case rule id/);
    }
    const duplicated = { exercises: [document.exercises[0], { ...document.exercises[0], type: "dictation" }] };
    expect(() => parseContent("exercises.yaml", duplicated, exerciseBankSchema, exerciseBankProblems)).toThrow(
      /id a1-fill-01 names two exercises[\s\S]*exercise a1-fill-01: a dictation's answer is its dictated text/,
    );
  });
});
