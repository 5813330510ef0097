import { describe, expect, it } from "vitest";

import { codePointToUtf16 } from "./offsets.js";
import {
  CATEGORIES,
  categoryOf,
  cleanOptionLabel,
  conjugationFromRaw,
  grammalecteOptionsForLevel,
  grammalecteRuleIdFrom,
  grammalecteRuleName,
  grammarErrorToMatch,
  isReportedAtLevel,
  issueTypeOf,
  matchesFromParagraphs,
  normalizeInfinitive,
  ruleFamilyKey,
  ruleIdFromGrammalecte,
  shortMessageFrom,
  SPELLING_RULE_ID,
  type RawGrammarError,
  type RawParagraphErrors,
} from "./rule-mapping.js";

function rawError(overrides: Partial<RawGrammarError>): RawGrammarError {
  return {
    nStart: 0,
    nEnd: 1,
    sLineId: "#1",
    sRuleId: "g3__gn_les_1m__b3_a1_1",
    sType: "gn",
    sMessage: "Accord de nombre erroné\u00a0: «\u00a0chat\u00a0» devrait être au pluriel.",
    aSuggestions: ["chats"],
    URL: "",
    ...overrides,
  };
}

describe("rule names and families", () => {
  it("extracts the rule name from graph and regex rule ids", () => {
    expect(grammalecteRuleName("g3__gn_les_1m__b3_a1_1")).toBe("gn_les_1m");
    expect(grammalecteRuleName("gv1__ppas_avoir__b1_a1_1")).toBe("ppas_avoir");
    expect(grammalecteRuleName("apostrophe_typographique")).toBe("apostrophe_typographique");
  });

  it("uses the option as family, or the name prefix for option-less rules", () => {
    expect(ruleFamilyKey("conj", "g2__conj_ils__b1_a1_1")).toBe("conj");
    expect(ruleFamilyKey("notype", "eepi_écriture_épicène_singulier")).toBe("eepi");
    expect(ruleFamilyKey("notype", "g2__conf_ils_non_verbe__b1_a3_1")).toBe("conf");
    expect(ruleFamilyKey("notype", "doublon")).toBe("doublon");
  });

  it("maps Grammalecte options to French categories and issue types", () => {
    expect(categoryOf("conj", "x")).toEqual({ id: "CONJUGATION", name: "Conjugaison" });
    expect(categoryOf("gn", "x")).toEqual({ id: "AGREEMENT", name: "Accords" });
    expect(categoryOf("ppas", "x").id).toBe("AGREEMENT");
    expect(categoryOf("conf", "x")).toEqual({ id: "HOMOPHONES", name: "Confusions / homophones" });
    expect(categoryOf("nbsp", "x")).toEqual({ id: "TYPOGRAPHY", name: "Typographie" });
    expect(categoryOf("virg", "x").id).toBe("PUNCTUATION");
    expect(categoryOf("tu", "x").id).toBe("HYPHENS");
    expect(categoryOf("pleo", "x").id).toBe("STYLE");
    expect(categoryOf("notype", "num_grand_nombre_avec_espaces").id).toBe("TYPOGRAPHY");
    expect(categoryOf("zzz", "zzz_inconnu")).toEqual({ id: "GRAMMAR", name: "Grammaire" });

    expect(issueTypeOf("apos", "x")).toBe("typographical");
    expect(issueTypeOf("conj", "x")).toBe("grammar");
    expect(issueTypeOf("tu", "x")).toBe("misspelling");
    expect(issueTypeOf("bs", "x")).toBe("style");
  });

  it("gives every category a French name", () => {
    for (const category of Object.values(CATEGORIES)) expect(category.name).toMatch(/^[A-ZÉ]/u);
  });
});

describe("rule ids", () => {
  it("prefixes Grammalecte's rule id and can take it back", () => {
    const ruleId = ruleIdFromGrammalecte("g2__conf_de_Gaulle__b1_a1_1");
    expect(ruleId).toBe("GRAMMALECTE_g2__conf_de_Gaulle__b1_a1_1");
    expect(grammalecteRuleIdFrom(ruleId)).toBe("g2__conf_de_Gaulle__b1_a1_1");
    expect(grammalecteRuleIdFrom(SPELLING_RULE_ID)).toBeNull();
    expect(grammalecteRuleIdFrom("FR_SOMETHING_ELSE")).toBeNull();
  });
});

describe("levels", () => {
  it("turns typography options off for learners and keeps Grammalecte's defaults for picky", () => {
    const learner = grammalecteOptionsForLevel("default");
    for (const option of ["apos", "nbsp", "typo", "esp", "unit", "num"]) expect(learner[option]).toBe(false);
    for (const option of ["gn", "conj", "conf", "ppas", "tu", "maj"]) expect(learner[option]).toBeUndefined();

    const picky = grammalecteOptionsForLevel("picky");
    expect(picky.apos).toBeUndefined();
    expect(picky.nbsp).toBeUndefined();
    expect(picky.ocr).toBe(false);
  });

  it("filters typography and punctuation out at default only", () => {
    expect(isReportedAtLevel({ category: CATEGORIES.TYPOGRAPHY }, "default")).toBe(false);
    expect(isReportedAtLevel({ category: CATEGORIES.PUNCTUATION }, "default")).toBe(false);
    expect(isReportedAtLevel({ category: CATEGORIES.AGREEMENT }, "default")).toBe(true);
    expect(isReportedAtLevel({ category: CATEGORIES.TYPOGRAPHY }, "picky")).toBe(true);
  });
});

describe("messages", () => {
  it("takes the first clause as short message", () => {
    expect(shortMessageFrom("Accord de nombre erroné\u00a0: «\u00a0chat\u00a0» devrait être au pluriel.", CATEGORIES.AGREEMENT)).toBe(
      "Accord de nombre erroné",
    );
    expect(shortMessageFrom("Conjugaison erronée. Accord avec “Ils”.", CATEGORIES.CONJUGATION)).toBe("Conjugaison erronée");
    expect(shortMessageFrom("Il manque un espace insécable.", CATEGORIES.TYPOGRAPHY)).toBe("Il manque un espace insécable");
  });

  it("falls back to the category name when the first clause is long or empty", () => {
    const long = "Incohérence avec le sujet qui précède et qui devrait commander un accord au pluriel du verbe ici présent";
    expect(shortMessageFrom(long, CATEGORIES.CONJUGATION)).toBe("Conjugaison");
    expect(shortMessageFrom("", CATEGORIES.STYLE)).toBe("Style");
  });

  it("drops Grammalecte's [!] marker from option labels", () => {
    expect(cleanOptionLabel("Ponctuation finale [!]")).toBe("Ponctuation finale");
    expect(cleanOptionLabel("Accords (genre et nombre)")).toBe("Accords (genre et nombre)");
  });
});

describe("matches", () => {
  it("builds a GrammarMatch with UTF-16 offsets, a stable rule id and the option label", () => {
    const text = "😀\nLes chat.";
    // Second paragraph starts at code point 2; "chat" is at 4…8 in it.
    const match = grammarErrorToMatch(rawError({ nStart: 4, nEnd: 8 }), 2, codePointToUtf16(text), {
      gn: "Accords (genre et nombre)",
    });
    expect(match).toEqual({
      offset: 7,
      length: 4,
      message: "Accord de nombre erroné\u00a0: «\u00a0chat\u00a0» devrait être au pluriel.",
      shortMessage: "Accord de nombre erroné",
      replacements: ["chats"],
      ruleId: "GRAMMALECTE_g3__gn_les_1m__b3_a1_1",
      ruleDescription: "Accords (genre et nombre)",
      category: { id: "AGREEMENT", name: "Accords" },
      issueType: "grammar",
    });
    expect(text.slice(match.offset, match.offset + match.length)).toBe("chat");
  });

  it("merges grammar and spelling errors of all paragraphs, sorted, filtered by level", () => {
    const text = "L'ami a une soeur.\nIls mange.";
    const paragraphs: RawParagraphErrors[] = [
      {
        start: 0,
        grammar: [rawError({ nStart: 0, nEnd: 2, sRuleId: "apostrophe_typographique", sType: "apos", aSuggestions: ["L’"] })],
        spelling: [{ nStart: 12, nEnd: 17, sValue: "soeur", aSuggestions: ["sœur", ""] }],
      },
      {
        start: 19,
        grammar: [
          rawError({ nStart: 4, nEnd: 9, sRuleId: "g2__conj_ils__b1_a1_1", sType: "conj", aSuggestions: ["mangent"] }),
          rawError({ nStart: 0, nEnd: 3, sRuleId: "g2__conj_ils__b1_a2_1", sType: "conj", aSuggestions: ["Il"] }),
        ],
        spelling: [],
      },
    ];
    const flagged = (level: "default" | "picky"): string[] =>
      matchesFromParagraphs(text, paragraphs, level).map((match) => text.slice(match.offset, match.offset + match.length));
    expect(flagged("picky")).toEqual(["L'", "soeur", "Ils", "mange"]);
    expect(flagged("default")).toEqual(["soeur", "Ils", "mange"]);

    const spelling = matchesFromParagraphs(text, paragraphs, "default")[0];
    expect(spelling?.ruleId).toBe(SPELLING_RULE_ID);
    expect(spelling?.category.id).toBe("SPELLING");
    expect(spelling?.issueType).toBe("misspelling");
    expect(spelling?.replacements).toEqual(["sœur"]);
    expect(spelling?.message).toContain("« soeur »");
  });
});

describe("conjugation", () => {
  it("normalizes what a learner types into an infinitive", () => {
    expect(normalizeInfinitive("  Finir ")).toBe("finir");
    expect(normalizeInfinitive("se lever")).toBe("lever");
    expect(normalizeInfinitive("s’asseoir")).toBe("asseoir");
    expect(normalizeInfinitive("s'en aller")).toBe("aller");
    expect(normalizeInfinitive("sentir")).toBe("sentir");
  });

  it("maps Grammalecte's tense and person codes and drops empty forms", () => {
    const table = conjugationFromRaw({
      verb: "falloir",
      known: true,
      group: "3",
      auxiliary: "avoir",
      conjugation: {
        ":P": { ":P": "" },
        ":Q": { ":m:s": "fallu", ":f:s": "", ":m:p": "", ":f:p": "" },
        ":Ip": { ":1s": "", ":1ś": "", ":2s": "", ":3s": "faut", ":1p": "", ":2p": "", ":3p": "" },
        ":E": { ":2s": "", ":1p": "", ":2p": "" },
      },
    });
    expect(table).toEqual({
      infinitive: "falloir",
      tenses: { ipre: { "3sg": "faut" } },
      tenseLabels: { ipre: "Présent de l’indicatif" },
      pastParticiple: { ms: "fallu" },
      group: "3",
      auxiliary: "avoir",
    });
  });

  it("puts aller in the third group as school grammar does, and auxiliaries apart", () => {
    expect(conjugationFromRaw({ verb: "aller", known: true, group: "1", conjugation: {} })?.group).toBe("3");
    expect(conjugationFromRaw({ verb: "être", known: true, group: "0", conjugation: {} })?.group).toBe("auxiliaire");
  });

  it("returns null for an unknown verb", () => {
    expect(conjugationFromRaw({ verb: "xyzzer", known: false })).toBeNull();
  });
});
