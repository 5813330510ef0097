import { describe, expect, it } from "vitest";
import { ContentError, parseContent } from "../content/load-content.js";
import { catalogProblems, catalogSchema, loadExplanationCatalog } from "./explanation-catalog.js";
import { CATEGORIES } from "./rule-mapping.js";

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: "Titre",
  explanation: "Une explication.",
  example: { incorrect: "Il et là.", correct: "Il est là." },
  ...extra,
});
const categories = Object.keys(CATEGORIES).map((id) => entry(id));

function problemsOf(document: unknown): string[] {
  try {
    parseContent("explanations.yaml", document, catalogSchema, catalogProblems);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems;
  }
  throw new Error("expected the catalog to be rejected");
}

describe("the explanation catalog (app/content/explanations.yaml)", () => {
  it("loads, with an entry for every category and patterns that compile", () => {
    const catalog = loadExplanationCatalog();
    expect(catalog.categories.map((category) => category.id).sort()).toEqual(Object.keys(CATEGORIES).sort());
    expect(catalog.topics.find((topic) => topic.id === "A_OR_À")?.grammalecteRulePattern?.test("conf_à_a_après_verbes")).toBe(true);
  });

  it("names the entry and the field of each mistake, all at once", () => {
    const problems = problemsOf({
      topics: [entry("A_OR_À", { grammalecteRulePattern: "(unclosed", homophones: ["a"] }), entry("bad id", { title: " " })],
      categories,
    });
    expect(problems).toEqual([
      expect.stringMatching(/^topics\[0\] \(A_OR_À\)\.grammalecteRulePattern: "\(unclosed" is not a valid regular expression/),
      "topics[0] (A_OR_À).homophones: expected at least two spellings of one sound",
      "topics[1] (bad id).id: expected an upper-case topic id such as A_OR_À",
      "topics[1] (bad id).title: expected some text",
    ]);
  });

  it("refuses a repeated id, a missing category, and an exercise rule or homophone claimed twice", () => {
    const problems = problemsOf({
      topics: [
        entry("A_OR_À", { homophones: ["a", "à"], exerciseRuleIds: ["homophones-a-à"] }),
        entry("A_OR_À_BIS", { homophones: ["à", "as"], exerciseRuleIds: ["homophones-a-à"] }),
        entry("GRAMMAR"),
      ],
      categories: categories.filter((category) => category.id !== "DATES"),
    });
    expect(problems).toEqual([
      "id GRAMMAR names two entries: ids must be unique",
      "categories: no entry for DATES: every category of the rule mapping needs one, as the fallback explanation",
      "exercise rule homophones-a-à is linked from A_OR_À and A_OR_À_BIS: keep it in one entry",
      'homophone "à" is listed by A_OR_À and A_OR_À_BIS: keep it in one topic',
    ]);
  });

  it("refuses a field it does not know, so a typo is not silently ignored", () => {
    expect(problemsOf({ topics: [entry("A_OR_À", { tipp: "Astuce" })], categories })[0]).toMatch(/^topics\[0\] \(A_OR_À\): Unrecognized key: "tipp"/);
  });
});
