import { describe, expect, it } from "vitest";
import { summarizeProgress } from "./progress.js";

describe("summarizeProgress", () => {
  it("lists every type and level at zero for a learner without attempts", () => {
    const progress = summarizeProgress("learner", []);
    expect(progress).toMatchObject({ learnerId: "learner", attempts: 0, correct: 0, accuracy: 0, lastAttemptAt: null });
    expect(Object.keys(progress.byType)).toEqual(["fill-in-the-blank", "homophones", "conjugation", "dictation"]);
    expect(Object.keys(progress.byLevel)).toEqual(["A1", "A2", "B1", "B2", "C1", "C2"]);
    expect(progress.byLevel.C2).toEqual({ attempts: 0, correct: 0 });
  });

  it("adds rows up by type and by level and keeps the latest attempt", () => {
    const progress = summarizeProgress("learner", [
      { exerciseType: "homophones", cefrLevel: "A1", attempts: 3, correct: 2, lastAttemptAt: new Date("2025-01-02T00:00:00Z") },
      { exerciseType: "homophones", cefrLevel: "B1", attempts: 1, correct: 1, lastAttemptAt: new Date("2025-01-05T00:00:00Z") },
      { exerciseType: "conjugation", cefrLevel: "A1", attempts: 4, correct: 1, lastAttemptAt: new Date("2025-01-03T00:00:00Z") },
    ]);
    expect(progress.attempts).toBe(8);
    expect(progress.correct).toBe(4);
    expect(progress.accuracy).toBe(0.5);
    expect(progress.byType.homophones).toEqual({ attempts: 4, correct: 3 });
    expect(progress.byType.conjugation).toEqual({ attempts: 4, correct: 1 });
    expect(progress.byType.dictation).toEqual({ attempts: 0, correct: 0 });
    expect(progress.byLevel.A1).toEqual({ attempts: 7, correct: 3 });
    expect(progress.lastAttemptAt?.toISOString()).toBe("2025-01-05T00:00:00.000Z");
  });
});
