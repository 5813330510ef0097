import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { maisMes } from "./mais-mes.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

const WRONG: Array<[string, string]> = [
    ["Je cherche mais clés partout.", "mais → mes"],
    ["Mais parents habitent à Nantes.", "Mais → Mes"],
    ["Elle a lu tous mais livres.", "mais → mes"],
    ["Il est gentil mes un peu timide.", "mes → mais"],
    ["Je voulais venir, mes j’étais malade.", "mes → mais"],
  ];

const RIGHT = [
    "Je cherche mes clés partout.",
    "Mes trois chats dorment.",
    "J’entends mes pas dans la neige.",
    "Mes chers amis, merci.",
    "Mais parfois il pleut.",
    "Il est gentil mais un peu timide.",
  ];

describe(`${maisMes.id}`, () => {
  it.each(WRONG)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, maisMes, sentence)).toEqual([expected]);
  });

  it.each(RIGHT)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, maisMes, sentence)).toEqual([]);
  });
});
