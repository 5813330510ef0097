import { describe, expect, it } from "vitest";
import { CEFR_LEVELS } from "../../infra/db/index.js";
import {
  CONJUGATION_PLAN,
  conjugationExerciseId,
  conjugationKeysForLevel,
  parseConjugationExerciseId,
} from "./conjugation.js";

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
