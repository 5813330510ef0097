import { describe, expect, it } from "vitest";
import { EXERCISE_BANK } from "./exercise-bank.js";
import { CEFR_LEVELS } from "../../infra/db/index.js";

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
