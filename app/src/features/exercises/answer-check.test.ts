import { describe, expect, it } from "vitest";
import { checkAnswer, describeVerdict, normalizeAnswer, wordDifferences } from "./answer-check.js";

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
