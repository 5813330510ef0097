import { describe, expect, it } from "vitest";
import { EvaluationFileError, findSpan, parseCases } from "./cases.js";
import { outcomeOf } from "./scores.js";

describe("parseCases", () => {
  it("reads wrong and correct sentences, skipping comments and blank lines", () => {
    const cases = parseCases("# comment\n\nMa mère à une voiture.\tà\ta\nMa mère a une voiture.\n", "a-à", "a-à.tsv");
    expect(cases).toEqual([
      { category: "a-à", source: "a-à.tsv:3", sentence: "Ma mère à une voiture.", wrong: { offset: 8, length: 1, fixes: ["a"] } },
      { category: "a-à", source: "a-à.tsv:4", sentence: "Ma mère a une voiture.", wrong: null },
    ]);
  });

  it.each([
    ["Ma mère à une voiture.\tè\ta", /a\.tsv:1: the wrong words "è" are not in the sentence/u],
    ["Ma mère à une voiture.\tà\t", /a\.tsv:1: wrong words without any fix/u],
    ["Ma mère à une voiture.\tà\tà", /the fix "à" is the wrong words themselves/u],
    ["Ma mère a une voiture.\t\ta", /fixes without wrong words/u],
    ["a\tb\tc\td", /4 tab-separated columns/u],
  ])("rejects %j with a message naming the line", (line, message) => {
    expect(() => parseCases(line, "a", "a.tsv")).toThrow(EvaluationFileError);
    expect(() => parseCases(line, "a", "a.tsv")).toThrow(message);
  });

  it("finds the wrong words as whole words", () => {
    expect(findSpan("Le chat a faim.", "a")).toBe(8);
    expect(findSpan("Le chat mange.", "a")).toBe(-1);
  });
});

describe("outcomeOf", () => {
  const [wrong, correct] = parseCases("Ma mère à une voiture.\tà\ta\nMa mère a une voiture.", "a-à", "a-à.tsv");
  const at = (offset: number, length: number, replacements: string[]) => ({ offset, length, replacements });

  it("counts a match over the wrong words as a detection, and as a correction when its first suggestion fixes them", () => {
    expect(outcomeOf(wrong!, [at(8, 1, ["a"])])).toEqual({ detected: true, corrected: true, falseAlarm: false });
    expect(outcomeOf(wrong!, [at(8, 5, ["a une"])])).toEqual({ detected: true, corrected: true, falseAlarm: false });
    expect(outcomeOf(wrong!, [at(8, 1, ["as", "a"])])).toEqual({ detected: true, corrected: false, falseAlarm: false });
    expect(outcomeOf(wrong!, [at(0, 2, ["Mon"])])).toEqual({ detected: false, corrected: false, falseAlarm: false });
  });

  it("counts any match on a correct sentence as a false alarm", () => {
    expect(outcomeOf(correct!, [])).toEqual({ detected: false, corrected: false, falseAlarm: false });
    expect(outcomeOf(correct!, [at(0, 2, ["Mon"])]).falseAlarm).toBe(true);
  });
});
