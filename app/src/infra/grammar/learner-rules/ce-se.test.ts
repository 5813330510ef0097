import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GrammalecteEngine } from "../worker-pool.js";
import { ceForSe } from "./ce-se.js";
import { findingsOf, startAnalyzer } from "./testing.js";

let engine: GrammalecteEngine;
beforeAll(async () => {
  engine = await startAnalyzer();
});
afterAll(async () => {
  await engine?.close();
});

const WRONG: Array<[string, string]> = [
    ["Il ce lave les dents.", "ce → se"],
    ["Les enfants ce couchent tôt.", "ce → se"],
    ["Elle ce souvient de tout.", "ce → se"],
  ];

const RIGHT = [
    "Il se lave les dents.",
    "Ce matin, il fait froid.",
    "Je pense que ce film est drôle.",
    "Ce que tu dis est vrai.",
    "Mon frère ce matin est parti tôt.",
  ];

describe(`${ceForSe.id}`, () => {
  it.each(WRONG)("flags %s", async (sentence, expected) => {
    expect(await findingsOf(engine, ceForSe, sentence)).toEqual([expected]);
  });

  it.each(RIGHT)("leaves %s alone", async (sentence) => {
    expect(await findingsOf(engine, ceForSe, sentence)).toEqual([]);
  });
});
