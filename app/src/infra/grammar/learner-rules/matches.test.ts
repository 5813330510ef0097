import { describe, expect, it } from "vitest";
import type { GrammarMatch } from "../engine.js";
import { CATEGORIES, SPELLING_RULE_ID } from "../rule-mapping.js";
import { LEARNER_RULES } from "./index.js";
import { mergeMatches, rulesAtLevel } from "./matches.js";

function match(offset: number, length: number, ruleId: string, replacements: string[]): GrammarMatch {
  return {
    offset,
    length,
    ruleId,
    replacements,
    message: ruleId,
    shortMessage: ruleId,
    ruleDescription: ruleId,
    category: CATEGORIES.GRAMMAR,
    issueType: "grammar",
  };
}

describe("mergeMatches", () => {
  it("adds a learner match where the engine reports nothing, in offset order", () => {
    const engine = [match(20, 3, "GRAMMALECTE_x", ["y"])];
    const merged = mergeMatches(engine, [match(8, 1, "LEARNER_A", ["a"])]);
    expect(merged.map((m) => m.ruleId)).toEqual(["LEARNER_A", "GRAMMALECTE_x"]);
  });

  it("replaces a spelling match on the same word, its suggestions after the learner's", () => {
    const merged = mergeMatches([match(6, 5, SPELLING_RULE_ID, ["bisez", "dites"])], [match(6, 5, "LEARNER_IRREGULAR", ["dites"])]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.ruleId).toBe("LEARNER_IRREGULAR");
    expect(merged[0]?.replacements).toEqual(["dites", "bisez"]);
  });

  it("keeps a grammar match on the same word first, with the learner's suggestion after its own", () => {
    const merged = mergeMatches([match(3, 2, "GRAMMALECTE_conf", ["se", "cette"])], [match(3, 2, "LEARNER_CE", ["ceux"])]);
    expect(merged).toEqual([{ ...match(3, 2, "GRAMMALECTE_conf", ["se", "cette", "ceux"]) }]);
  });

  it("puts the learner's suggestion first when the engine lists it too, or took a homophone at face value", () => {
    const listed = mergeMatches([match(3, 2, "GRAMMALECTE_conf", ["ait", "est"])], [match(3, 2, "LEARNER_ET", ["est"])]);
    expect(listed.map((m) => [m.ruleId, m.replacements])).toEqual([["LEARNER_ET", ["est", "ait"]]]);
    const agreement = { ...match(4, 3, "GRAMMALECTE_gn", ["sa"]), category: CATEGORIES.AGREEMENT };
    const homophone = { ...match(4, 3, "LEARNER_SON", ["sont"]), category: CATEGORIES.HOMOPHONES };
    expect(mergeMatches([agreement], [homophone]).map((m) => m.replacements)).toEqual([["sont", "sa"]]);
  });

  it("drops a learner match overlapping an engine match on other words", () => {
    const merged = mergeMatches([match(3, 6, "GRAMMALECTE_x", ["a une"])], [match(3, 1, "LEARNER_A", ["a"])]);
    expect(merged.map((m) => m.ruleId)).toEqual(["GRAMMALECTE_x"]);
  });
});

describe("rulesAtLevel", () => {
  it("runs picky rules only at level picky", () => {
    const defaults = rulesAtLevel(LEARNER_RULES, "default");
    expect(defaults.every((rule) => rule.level === "default")).toBe(true);
    expect(rulesAtLevel(LEARNER_RULES, "picky")).toHaveLength(LEARNER_RULES.length);
  });

  it("gives every rule a unique LEARNER_ id and an explanation with both examples", () => {
    const ids = LEARNER_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of LEARNER_RULES) {
      expect(rule.id).toMatch(/^LEARNER_[A-Z_]+$/u);
      expect(rule.explanation.example.incorrect).not.toBe(rule.explanation.example.correct);
    }
  });
});
