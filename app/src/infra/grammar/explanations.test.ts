import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GrammarMatch } from "./engine.js";
import {
  explainMatch,
  getExplanation,
  homophoneTopic,
  listExplanations,
  topicOfRule,
  withFrenchSpacing,
} from "./explanations.js";
import { loadExplanationCatalog } from "./explanation-catalog.js";
import { LearnerRulesEngine } from "./learner-engine.js";
import { GrammalecteEngine } from "./worker-pool.js";
import { CATEGORIES, SPELLING_RULE_ID } from "./rule-mapping.js";

function matchOf(overrides: Partial<GrammarMatch>): GrammarMatch {
  return {
    offset: 0,
    length: 1,
    message: "",
    shortMessage: "",
    replacements: [],
    ruleId: "GRAMMALECTE_inconnue",
    ruleDescription: "",
    category: CATEGORIES.GRAMMAR,
    issueType: "grammar",
    ...overrides,
  };
}

describe("explanation catalog (pure)", () => {
  it("has an explanation for every category", () => {
    for (const category of Object.values(CATEGORIES)) expect(getExplanation(category.id)?.id).toBe(category.id);
  });

  it("has complete entries with distinct examples", () => {
    const entries = listExplanations();
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    for (const entry of entries) {
      expect(entry.title.length).toBeGreaterThan(3);
      expect(entry.explanation.length).toBeGreaterThan(60);
      expect(entry.example.incorrect).not.toBe(entry.example.correct);
    }
  });

  it("recognises topics from Grammalecte rule names", () => {
    expect(topicOfRule("conf_à_a_après_verbes")).toBe("A_OR_À");
    expect(topicOfRule("conf_a_à_verbe")).toBe("A_OR_À");
    expect(topicOfRule("conf_où_ou")).toBe("OU_OR_OÙ");
    expect(topicOfRule("ppas_avoir")).toBe("INFINITIVE_OR_PAST_PARTICIPLE");
    expect(topicOfRule("ppas_det_plur_COD_que_avoir")).toBe("PAST_PARTICIPLE_WITH_AVOIR");
    expect(topicOfRule("ppas_3pl_fem_verbe_état")).toBe("PAST_PARTICIPLE_WITH_ÊTRE");
    expect(topicOfRule("vmode_si_sujet_conditionnel_subjonctif")).toBe("CONDITIONAL_AFTER_SI");
    expect(topicOfRule("vmode_verbe_que_subjonctif")).toBe("SUBJUNCTIVE");
    expect(topicOfRule("gn_les_1m")).toBeNull();
  });

  it("recognises homophone confusions from the flagged word and its replacements", () => {
    expect(homophoneTopic("et", ["ait", "est", "hait"])).toBe("ET_OR_EST");
    expect(homophoneTopic("ce", ["cette", "se"])).toBe("CE_OR_SE");
    expect(homophoneTopic("la-bas", ["là-bas"])).toBe("LA_OR_LÀ");
    expect(homophoneTopic("Ses", ["C'est"])).toBe("CES_SES_CEST");
    expect(homophoneTopic("chat", ["chats"])).toBeNull();
    expect(homophoneTopic("a", [])).toBeNull();
  });

  it("explains a match by topic, then category, then grammar", () => {
    const aOrA = matchOf({ ruleId: "GRAMMALECTE_g3__conf_à_a_après_verbes__b7_a1_1", category: CATEGORIES.HOMOPHONES });
    expect(explainMatch(aOrA).id).toBe("A_OR_À");
    const agreement = matchOf({ ruleId: "GRAMMALECTE_g3__gn_les_1m__b3_a1_1", category: CATEGORIES.AGREEMENT });
    expect(explainMatch(agreement).id).toBe("AGREEMENT");
    expect(explainMatch(matchOf({ category: { id: "UNKNOWN", name: "?" } })).id).toBe("GRAMMAR");
    const spelling = matchOf({ ruleId: SPELLING_RULE_ID, category: CATEGORIES.SPELLING });
    expect(explainMatch(spelling).id).toBe("SPELLING");
  });

  it("uses the checked text to spot homophones reported by other rules", () => {
    const text = "Il ce lave les mains.";
    const match = matchOf({
      offset: 3,
      length: 2,
      replacements: ["cette", "se"],
      ruleId: "GRAMMALECTE_g3__gn_ce_1m__b1_a3_1",
      category: CATEGORIES.AGREEMENT,
    });
    expect(explainMatch(match).id).toBe("AGREEMENT");
    expect(explainMatch(match, text).id).toBe("CE_OR_SE");
  });

  it("looks up by topic, category or rule id, and returns null for unknown ids", () => {
    expect(getExplanation("OU_OR_OÙ")?.title).toBe("«\u00a0ou\u00a0» ou «\u00a0où\u00a0»\u00a0?");
    expect(getExplanation("GRAMMALECTE_g2__conf_où_ou__b1_a1_1")?.id).toBe("OU_OR_OÙ");
    expect(getExplanation("GRAMMALECTE_g2__conj_ils__b1_a1_1")?.id).toBe("CONJUGATION");
    expect(getExplanation(SPELLING_RULE_ID)?.id).toBe("SPELLING");
    expect(getExplanation("GRAMMALECTE_g2__sans_crier_gare__b1_a1_1")).toBeNull();
    expect(getExplanation("NOPE")).toBeNull();
  });

  it("applies French spacing before double punctuation and inside guillemets", () => {
    expect(withFrenchSpacing("« a » ou « à » ? Oui : non ; si !")).toBe(
      "«\u00a0a\u00a0» ou «\u00a0à\u00a0»\u00a0? Oui\u00a0: non\u00a0; si\u00a0!",
    );
    expect(withFrenchSpacing("Vraiment?")).toBe("Vraiment?");
  });
});

describe("explanation catalog checked by Grammalecte", () => {
  let engine: GrammalecteEngine;
  /** The engine as the app composes it, followed by the learner rules whose explanations are in the list too. */
  let checker: LearnerRulesEngine;

  beforeAll(async () => {
    engine = await GrammalecteEngine.start({ workers: 2 });
    checker = new LearnerRulesEngine(engine);
  });

  afterAll(async () => {
    await engine.close();
  });

  it("writes titles, explanations and tips in French that Grammalecte finds correct, typography included", async () => {
    // Words quoted as words (« a », « -ent ») are not meant to fit the sentence's grammar, and a
    // grammar checker cannot tell; they are masked with a neutral noun before checking.
    const maskMentions = (text: string): string => text.replace(/«[^»]*»/gu, "«\u00a0mot\u00a0»");
    for (const entry of listExplanations()) {
      for (const text of [entry.title, entry.explanation, entry.tip ?? ""].map(maskMentions)) {
        const matches = await checker.check(text, { level: "picky" });
        expect({ entry: entry.id, text, flagged: matches.map((match) => [match.offset, match.length, match.message]) }).toEqual({
          entry: entry.id,
          text,
          flagged: [],
        });
      }
    }
  });

  it("gives correct examples that pass even the picky level", async () => {
    for (const entry of listExplanations()) {
      const matches = await checker.check(entry.example.correct, { level: "picky" });
      expect({ entry: entry.id, flagged: matches.map((match) => match.message) }).toEqual({ entry: entry.id, flagged: [] });
    }
  });

  it("gives incorrect examples that Grammalecte flags, and explains them with the entry itself", async () => {
    // GRAMMAR is the fallback for rules without a category of their own; its example is explained more precisely.
    // Topics with neither a rule pattern nor homophones explain exercises only: no Grammalecte rule leads to them.
    const exerciseOnly = new Set(loadExplanationCatalog().topics.filter((topic) => !topic.grammalecteRulePattern && !topic.homophones).map((topic) => topic.id));
    for (const entry of listExplanations().filter((candidate) => candidate.id !== "GRAMMAR" && !exerciseOnly.has(candidate.id))) {
      const text = entry.example.incorrect;
      // The catalog explains Grammalecte's rules, the learner rules explain themselves: each example is checked by its own.
      const matches = await (entry.id.startsWith("LEARNER_") ? checker : engine).check(text, { level: "picky" });
      expect({ entry: entry.id, flagged: matches.length > 0 }).toEqual({ entry: entry.id, flagged: true });
      expect({ entry: entry.id, explainedBy: matches.map((match) => explainMatch(match, text).id) }).toEqual({
        entry: entry.id,
        explainedBy: expect.arrayContaining([entry.id]),
      });
    }
  });
});
