import { describe, expect, it } from "vitest";
import { CEFR_LEVELS } from "../src/db/models.js";
import { checkAnswer, describeVerdict, normalizeAnswer, wordDifferences } from "../src/exercises/answer-check.js";
import {
  CONJUGATION_PLAN,
  conjugationExerciseId,
  conjugationKeysForLevel,
  parseConjugationExerciseId,
} from "../src/exercises/conjugation.js";

describe("answer comparison", () => {
  it("tolerates case, surrounding and repeated spaces, and the apostrophe's shape", () => {
    expect(checkAnswer("C’est l’heure.", "  c'est   L'heure. ")).toEqual({ correct: true, reason: "equivalent" });
    expect(checkAnswer("aujourd’hui", "aujourdʼhui").correct).toBe(true);
    expect(checkAnswer("suis allé", "suis\u00a0allé").correct).toBe(true);
    expect(checkAnswer("Tu viens ?", "tu viens?").correct).toBe(true);
    expect(checkAnswer("allons", "allons")).toEqual({ correct: true, reason: "exact" });
  });

  it("does not tolerate a missing or wrong accent, and says it is the accent", () => {
    const verdict = checkAnswer("à", "a");
    expect(verdict).toMatchObject({ correct: false, reason: "accents" });
    expect(describeVerdict(verdict, "à")).toMatch(/seuls les accents diffèrent.*« à »/);
    expect(checkAnswer("où", "ou")).toMatchObject({ correct: false, reason: "accents" });
    expect(checkAnswer("mangé", "mangè")).toMatchObject({ correct: false, reason: "accents" });
    expect(checkAnswer("était", "etait")).toMatchObject({ correct: false, reason: "accents" });
  });

  it("tells a different answer apart and lists the words that differ", () => {
    const verdict = checkAnswer("Les enfants jouent dans le jardin.", "Les enfant joue dans jardin.");
    expect(verdict.correct).toBe(false);
    if (verdict.correct) return;
    expect(verdict.reason).toBe("different");
    expect(verdict.differences).toEqual([
      { expected: "enfants", given: "enfant" },
      { expected: "jouent", given: "joue" },
      { expected: "le", given: null },
    ]);
  });

  it("normalizes without touching accents", () => {
    expect(normalizeAnswer(" Élève  D’ÉTÉ ")).toBe("élève d'été");
    expect(wordDifferences("a b c", "a b c")).toEqual([]);
  });
});

describe("conjugation exercise ids", () => {
  it("round-trips through the id", () => {
    const key = { infinitive: "s’asseoir", tense: "spre", person: "3pl" as const };
    expect(parseConjugationExerciseId(conjugationExerciseId(key))).toEqual(key);
    expect(parseConjugationExerciseId("a1-homophones-01")).toBeUndefined();
    expect(parseConjugationExerciseId("conj:aller:xxxx:1sg")).toBeUndefined();
    expect(parseConjugationExerciseId("conj:aller:ipre:4sg")).toBeUndefined();
  });

  it("gives every level a list without repeats that mixes verbs and persons early", () => {
    for (const level of CEFR_LEVELS) {
      const keys = conjugationKeysForLevel(level);
      const plan = CONJUGATION_PLAN[level];
      // Every verb × tense × person, less the imperative's missing persons (no « je », « il », « ils »).
      const imperativeGaps = plan.tenses.includes("impe") ? plan.verbs.length * plan.persons.filter((p) => !["2sg", "1pl", "2pl"].includes(p)).length : 0;
      expect(keys).toHaveLength(plan.verbs.length * plan.tenses.length * plan.persons.length - imperativeGaps);
      for (const key of keys.filter((k) => k.tense === "impe")) expect(["2sg", "1pl", "2pl"]).toContain(key.person);
      expect(new Set(keys.map(conjugationExerciseId)).size).toBe(keys.length);
      const firstSix = keys.slice(0, 6);
      expect(new Set(firstSix.map((key) => key.infinitive)).size).toBe(6);
      expect(new Set(firstSix.map((key) => key.person)).size).toBeGreaterThan(1);
    }
  });
});
