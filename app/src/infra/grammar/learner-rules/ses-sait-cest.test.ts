import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { saitForSest, sesForCest } from "./ses-sait-cest.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

describe.each([
  {
    rule: sesForCest,
    wrong: [["Je trouve que ses difficile.", "ses → c’est"], ["Ces vraiment trop cher.", "Ces → C’est"]],
    right: ["Je trouve que c’est difficile.", "Ses vieux amis sont venus.", "Ces très beaux jours sont passés.", "Ces trop grandes maisons coûtent cher.", "Ce furent ses plus belles années."],
  },
  {
    rule: saitForSest,
    wrong: [["Il sait lavé les mains.", "sait → s’est"]],
    right: ["Il s’est lavé les mains.", "Il sait nager depuis longtemps.", "Elle sait que tu es venu."],
  },
])("$rule.id", ({ rule, wrong, right }) => {
  it.each(wrong)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, rule, sentence as string)).toEqual([expected]);
  });
  it.each(right)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, rule, sentence)).toEqual([]);
  });
});
