import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LayeredCache } from "../cache/layered-cache.js";
import { checkParagraphsThroughCache, splitParagraphs } from "./cached-check.js";
import { EngineDecorator, type CheckLevel, type CheckOptions, type GrammarMatch } from "./engine.js";
import { GrammalecteEngine } from "./worker-pool.js";

/** The real engine, with the texts it was asked to check and the most checks it ran at once. */
class CountingEngine extends EngineDecorator {
  readonly checkedTexts: string[] = [];
  maxConcurrentChecks = 0;
  private running = 0;

  override async check(text: string, options: CheckOptions): Promise<GrammarMatch[]> {
    this.checkedTexts.push(text);
    this.running += 1;
    this.maxConcurrentChecks = Math.max(this.maxConcurrentChecks, this.running);
    try {
      return await this.engine.check(text, options);
    } finally {
      this.running -= 1;
    }
  }
}

describe("splitParagraphs", () => {
  it("splits on \\r\\n, \\r and \\n like Grammalecte, keeping each paragraph's start in the text", () => {
    expect(splitParagraphs("Un.\r\nDeux.\rTrois.\n\nQuatre.")).toEqual([
      { start: 0, text: "Un." },
      { start: 5, text: "Deux." },
      { start: 11, text: "Trois." },
      { start: 18, text: "" },
      { start: 19, text: "Quatre." },
    ]);
  });

  it("gives one paragraph to a text without line breaks, and empty ones around leading and trailing breaks", () => {
    expect(splitParagraphs("Il pleut.")).toEqual([{ start: 0, text: "Il pleut." }]);
    expect(splitParagraphs("\nIl pleut.\n")).toEqual([
      { start: 0, text: "" },
      { start: 1, text: "Il pleut." },
      { start: 11, text: "" },
    ]);
  });
});

/** Paragraphs with errors of several kinds, line breaks of every kind, blank lines and astral characters. */
const CORPUS = [
  "Les chat noir mange la souris. Ils mange des pommes tous les jours.",
  "",
  "Je suis allé a la plage hier 🏖️ avec mes amis.  Elle a acheter une voiture rouge !",
  "   ",
  "L'homme est là: il arrive! Il faut que tu vienne demain.",
  "𝒜 Nous avons mangés ensemble. Ces livre sont intéressants.",
  "Où est ta soeur ? Il a sa voiture et ses clés.",
].join("\n");

const CORPUS_WITH_EVERY_BREAK = "Les chat dorment.\r\nIls mange.\rOù est ta soeur ?\n\r\nJe suis allé a la plage.";

/** Twenty paragraphs of two sentences, some with errors. */
const DOCUMENT = Array.from(
  { length: 20 },
  (_, index) => `Paragraphe ${index + 1} : les enfant joue dans le jardin. Nous partons demain à ${index + 8} heures.`,
);

describe("checkParagraphsThroughCache with the real engine", () => {
  let engine: GrammalecteEngine;

  beforeAll(async () => {
    engine = await GrammalecteEngine.start({ workers: 2 });
  });

  afterAll(async () => {
    await engine.close();
  });

  it.each([
    ["default", CORPUS],
    ["picky", CORPUS],
    ["default", CORPUS_WITH_EVERY_BREAK],
    ["picky", CORPUS_WITH_EVERY_BREAK],
  ] as [CheckLevel, string][])("finds at level %s exactly the matches of a whole-text check", async (level, text) => {
    const whole = await engine.check(text, { level });
    expect(whole.length).toBeGreaterThanOrEqual(4);
    const byParagraph = await checkParagraphsThroughCache(engine, new LayeredCache(), text, level);
    expect(byParagraph).toEqual(whole);
  });

  it("sends only the edited paragraph to the engine after a one-word edit, and answers like a whole-text check", async () => {
    const counting = new CountingEngine(engine);
    const cache = new LayeredCache();
    const first = await checkParagraphsThroughCache(counting, cache, DOCUMENT.join("\n"), "default");
    expect(counting.checkedTexts).toHaveLength(20);
    expect(first).toEqual(await engine.check(DOCUMENT.join("\n"), { level: "default" }));

    const edited = DOCUMENT.map((paragraph, index) => (index === 9 ? paragraph.replace("jardin", "parc") : paragraph));
    counting.checkedTexts.length = 0;
    const again = await checkParagraphsThroughCache(counting, cache, edited.join("\n"), "default");
    expect(counting.checkedTexts).toEqual([edited[9]]);
    expect(again).toEqual(await engine.check(edited.join("\n"), { level: "default" }));

    counting.checkedTexts.length = 0;
    await checkParagraphsThroughCache(counting, cache, edited.join("\n"), "picky");
    expect(counting.checkedTexts).toHaveLength(20);
  });

  it("checks the paragraphs no cache holds in parallel, as many at once as the engine has workers", async () => {
    const counting = new CountingEngine(engine);
    await checkParagraphsThroughCache(counting, new LayeredCache(), DOCUMENT.join("\n"), "default");
    expect(counting.checkedTexts).toHaveLength(20);
    expect(counting.maxConcurrentChecks).toBe(engine.parallelism);
    expect(engine.parallelism).toBe(2);
  });
});
