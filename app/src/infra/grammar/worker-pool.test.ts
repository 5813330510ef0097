import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GrammarMatch } from "./engine.js";
import {
  EngineClosedError,
  EngineStartupError,
  EngineTimeoutError,
  EngineUnavailableError,
} from "./errors.js";
import { GrammalecteEngine } from "./worker-pool.js";
import { waitFor } from "../../../testing/wait.js";

const SENTENCES = [
  "Les chat noir mange la souris.",
  "Ils mange des pommes tous les jours.",
  "Je suis allé a la plage hier.",
  "Elle a acheter une voiture rouge.",
  "Il faut que tu vienne demain.",
  "Nous avons mangés ensemble.",
  "Ces livre sont intéressants.",
  "Où est ta soeur ?",
  "Il a sa voiture et ses clés.",
  "On se voit demain à midi.",
];

/** A text that keeps one worker busy for seconds: `paragraphs` paragraphs of ten sentences. */
function longText(paragraphs: number): string {
  return Array.from({ length: paragraphs }, (_, p) => SENTENCES.map((_, i) => SENTENCES[(i + p) % SENTENCES.length]).join(" ")).join(
    "\n",
  );
}

function flaggedTexts(text: string, matches: GrammarMatch[]): string[] {
  return matches.map((match) => text.slice(match.offset, match.offset + match.length));
}

describe("GrammalecteEngine with a shared pool", () => {
  let engine: GrammalecteEngine;

  beforeAll(async () => {
    engine = await GrammalecteEngine.start({ workers: 2 });
  });

  afterAll(async () => {
    await engine.close();
  });

  it("names the Grammalecte version read from the package and is ready", () => {
    expect(engine.version).toMatch(/^grammalecte-\d+\.\d+\.\d+$/);
    expect(engine.isReady()).toBe(true);
    expect(engine.workerPids()).toHaveLength(2);
  });

  describe("levels", () => {
    const text = "L'homme est là: il arrive! Les chat noir dorment. Ils mange une pomme.";

    it("reports agreement and conjugation errors at both levels", async () => {
      for (const level of ["default", "picky"] as const) {
        const matches = await engine.check(text, { level });
        const byWord = new Map(matches.map((match) => [text.slice(match.offset, match.offset + match.length), match]));
        expect(byWord.get("chat")?.category).toEqual({ id: "AGREEMENT", name: "Accords" });
        expect(byWord.get("chat")?.replacements).toEqual(["chats"]);
        expect(byWord.get("chat")?.ruleId).toMatch(/^GRAMMALECTE_.*gn_les/);
        expect(byWord.get("mange")?.category).toEqual({ id: "CONJUGATION", name: "Conjugaison" });
        expect(byWord.get("mange")?.replacements).toEqual(["mangent"]);
        expect(byWord.get("mange")?.issueType).toBe("grammar");
      }
    });

    it("reports the straight apostrophe and missing non-breaking spaces only at picky", async () => {
      const learner = await engine.check(text, { level: "default" });
      expect(learner.filter((match) => match.issueType === "typographical")).toEqual([]);
      expect(flaggedTexts(text, learner)).toEqual(["chat", "Ils", "mange"]);

      const picky = await engine.check(text, { level: "picky" });
      const typographical = picky.filter((match) => match.category.id === "TYPOGRAPHY");
      expect(flaggedTexts(text, typographical)).toEqual(["L'", ":", "!"]);
      expect(typographical.every((match) => match.issueType === "typographical")).toBe(true);
      expect(typographical[0]?.replacements).toEqual(["L’"]);
      expect(typographical[0]?.ruleDescription).toBe("Apostrophe typographique");
      expect(typographical[1]?.replacements).toEqual(["\u00a0:"]);
    });

    it("does not leak one request's options into the next (options are global in Grammalecte)", async () => {
      const [picky, learner, pickyAgain] = await Promise.all([
        engine.check(text, { level: "picky" }),
        engine.check(text, { level: "default" }),
        engine.check(text, { level: "picky" }),
      ]);
      expect(picky.length).toBeGreaterThan(learner.length);
      expect(pickyAgain).toEqual(picky);
      expect(await engine.check(text, { level: "default" })).toEqual(learner);
    });
  });

  describe("conjugation", () => {
    it("conjugates aller, an irregular verb of the third group with être", async () => {
      const table = await engine.conjugate("aller");
      expect(table).not.toBeNull();
      expect(table?.infinitive).toBe("aller");
      expect(table?.group).toBe("3");
      expect(table?.auxiliary).toBe("être");
      expect(table?.tenses.ipre).toEqual({ "1sg": "vais", "2sg": "vas", "3sg": "va", "1pl": "allons", "2pl": "allez", "3pl": "vont" });
      expect(table?.tenses.ifut?.["1sg"]).toBe("irai");
      expect(table?.tenses.spre?.["3pl"]).toBe("aillent");
      expect(table?.tenses.impe).toEqual({ "2sg": "va", "1pl": "allons", "2pl": "allez" });
      expect(table?.tenseLabels?.ipre).toBe("Présent de l’indicatif");
      expect(table?.pastParticiple).toEqual({ ms: "allé", fs: "allée", mp: "allés", fp: "allées" });
      expect(table?.presentParticiple).toBe("allant");
    });

    it("conjugates finir, a second-group verb with avoir", async () => {
      const table = await engine.conjugate("finir");
      expect(table?.group).toBe("2");
      expect(table?.auxiliary).toBe("avoir");
      expect(table?.tenses.ipre?.["1pl"]).toBe("finissons");
      expect(table?.tenses.ipsi?.["3pl"]).toBe("finirent");
      expect(table?.tenses.cpre?.["2pl"]).toBe("finiriez");
      expect(table?.pastParticiple?.ms).toBe("fini");
    });

    it("accepts a pronominal infinitive and odd casing", async () => {
      const table = await engine.conjugate("  Se lever ");
      expect(table?.infinitive).toBe("lever");
      expect(table?.tenses.ipre?.["1sg"]).toBe("lève");
    });

    it("leaves out forms that do not exist for defective verbs", async () => {
      const table = await engine.conjugate("falloir");
      expect(table?.tenses.ipre).toEqual({ "3sg": "faut" });
      expect(table?.tenses.impe).toBeUndefined();
    });

    it("returns null for an unknown verb", async () => {
      expect(await engine.conjugate("xyzzer")).toBeNull();
      expect(await engine.conjugate("   ")).toBeNull();
    });
  });

  it("checks and analyses a text in one request: check's matches and analyze's tokens", async () => {
    const text = "🙂 Ma mère à une voiture.\r\nLes chat noir dorment.";
    const both = await engine.checkAndAnalyze(text, { level: "default" });
    expect(both.matches).toEqual(await engine.check(text, { level: "default" }));
    expect(flaggedTexts(text, both.matches)).toContain("chat");
    expect(both.tokens).toEqual(await engine.analyze(text));
    expect(both.tokens.filter((token) => token.kind === "WORD").map((token) => text.slice(token.offset, token.offset + token.length))).toEqual([
      "Ma", "mère", "à", "une", "voiture", "Les", "chat", "noir", "dorment",
    ]);
    expect(await engine.checkAndAnalyze("  \n ", { level: "default" })).toEqual({ matches: [], tokens: [] });
  });

  it("analyses a text holding a lone surrogate (no UTF-8 form: the worker answers with escapes), keeping it", async () => {
    const text = "Il à un chat\ud83d, les chien.";
    const both = await engine.checkAndAnalyze(text, { level: "default" });
    expect(both.tokens).toEqual(await engine.analyze(text));
    expect(both.tokens.map((token) => token.value)).toContain("\ud83d");
    for (const token of both.tokens) expect(text.slice(token.offset, token.offset + token.length)).toBe(token.value);
    expect(flaggedTexts(text, both.matches)).toContain("chien");
  });

  it("queues requests beyond one per worker and drains the queue", async () => {
    const pending = Array.from({ length: 6 }, (_, i) => engine.check(SENTENCES[i] as string, { level: "default" }));
    // Dispatch is synchronous: two requests went to the two workers, four wait.
    expect(engine.queueDepth()).toBe(4);
    const results = await Promise.all(pending);
    expect(results.every((matches) => matches.length > 0)).toBe(true);
    expect(engine.queueDepth()).toBe(0);
  });
});

describe("GrammalecteEngine recovery", () => {
  it("answers a request whose worker was killed mid-request, after restarting the worker", async () => {
    const engine = await GrammalecteEngine.start({ workers: 1 });
    try {
      const text = longText(60);
      const expected = await engine.check(text, { level: "default" });
      expect(expected.length).toBeGreaterThan(100);

      const [firstPid] = engine.workerPids();
      const answer = engine.check(text, { level: "default" });
      process.kill(firstPid as number, "SIGKILL");

      expect(await answer).toEqual(expected);
      expect(engine.workerPids()).toHaveLength(1);
      expect(engine.workerPids()).not.toContain(firstPid);
      expect(engine.isReady()).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it("fails a request with EngineUnavailableError when a second worker dies under it, and keeps serving", async () => {
    const engine = await GrammalecteEngine.start({ workers: 1 });
    try {
      const [firstPid] = engine.workerPids();
      const answer = engine.check(longText(100), { level: "default" });
      process.kill(firstPid as number, "SIGKILL");

      // The retry waits in the queue until the replacement has loaded, then goes to it.
      await waitFor(
        () => engine.isReady() && engine.queueDepth() === 0 && !engine.workerPids().includes(firstPid as number),
        "the replacement worker to take the retried request",
      );
      const [secondPid] = engine.workerPids();
      process.kill(secondPid as number, "SIGKILL");

      await expect(answer).rejects.toBeInstanceOf(EngineUnavailableError);
      await expect(answer).rejects.toThrow(/died 2 times while handling check of \d+ characters/);
      const next = await engine.check("Ils mange.", { level: "default" });
      expect(next.map((match) => match.replacements)).toContainEqual(["mangent"]);
    } finally {
      await engine.close();
    }
  });

  it("rejects a request over the timeout with EngineTimeoutError; its worker stops it and serves the next, retry after retry", async () => {
    // Thousands of sentences take seconds; the timeout is far below that. The grace period is long so
    // that only a worker that never stops (not a slow machine) could be killed.
    const logged: string[] = [];
    const logger = { debug() {}, info: (_: object, message: string) => logged.push(message), warn() {}, error() {} };
    const engine = await GrammalecteEngine.start({ workers: 1, requestTimeoutMs: 500, stopGraceMs: 60_000, logger });
    try {
      const pidsBefore = engine.workerPids();
      const slowText = longText(800);
      const stops = () => logged.filter((message) => message.includes("stopped a request at its deadline")).length;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const slow = engine.check(slowText, { level: "default" });
        await expect(slow).rejects.toBeInstanceOf(EngineTimeoutError);
        await expect(slow).rejects.toThrow(/did not answer check of \d+ characters within 500 ms/);
        // The worker answers "timed out" itself (it did not finish the text, nor was it killed).
        await waitFor(() => stops() === attempt, `the worker to stop timed-out request ${attempt}`);
        const next = await engine.check("Les chat noir dorment.", { level: "default" });
        expect(next.map((match) => match.replacements)).toEqual([["chats"]]);
      }
      expect(engine.workerPids()).toEqual(pidsBefore);
      expect(engine.queueDepth()).toBe(0);
    } finally {
      await engine.close();
    }
  });

  it("stops a check with its analysis at the request's deadline too, and serves the next", async () => {
    const logged: string[] = [];
    const logger = { debug() {}, info: (_: object, message: string) => logged.push(message), warn() {}, error() {} };
    const engine = await GrammalecteEngine.start({ workers: 1, requestTimeoutMs: 500, stopGraceMs: 60_000, logger });
    try {
      const pidsBefore = engine.workerPids();
      const slow = engine.checkAndAnalyze(longText(800), { level: "default" });
      await expect(slow).rejects.toBeInstanceOf(EngineTimeoutError);
      await expect(slow).rejects.toThrow(/did not answer check and analysis of \d+ characters within 500 ms/);
      await waitFor(() => logged.some((message) => message.includes("stopped a request at its deadline")), "the worker to stop the timed-out request");
      const next = await engine.checkAndAnalyze("Les chat noir dorment.", { level: "default" });
      expect(next.matches.map((match) => match.replacements)).toEqual([["chats"]]);
      expect(next.tokens.map((token) => token.value)).toEqual(["Les", "chat", "noir", "dorment", "."]);
      expect(engine.workerPids()).toEqual(pidsBefore);
    } finally {
      await engine.close();
    }
  });

  it("kills and replaces a worker that has not stopped a timed-out request within the grace period", async () => {
    const engine = await GrammalecteEngine.start({ workers: 1, requestTimeoutMs: 300, stopGraceMs: 300 });
    const [stuckPid] = engine.workerPids();
    try {
      // A stopped process cannot run its own deadline: it is what a worker stuck outside Python looks like.
      process.kill(stuckPid as number, "SIGSTOP");
      await expect(engine.check("Ils mange.", { level: "default" })).rejects.toBeInstanceOf(EngineTimeoutError);

      await waitFor(() => engine.isReady() && !engine.workerPids().includes(stuckPid as number), "the stuck worker to be replaced");
      const next = await engine.check("Ils mange.", { level: "default" });
      expect(next.map((match) => match.replacements)).toContainEqual(["mangent"]);
    } finally {
      await engine.close();
    }
  });

  it("rejects pending requests with EngineClosedError on close, and refuses new ones", async () => {
    const engine = await GrammalecteEngine.start({ workers: 1 });
    // Expectations are attached before close() so the rejections are handled when they happen.
    const inFlight = expect(engine.check(longText(50), { level: "default" })).rejects.toBeInstanceOf(EngineClosedError);
    const queued = expect(engine.conjugate("aller")).rejects.toThrow(/engine closed before conjugation of "aller" was answered/);
    expect(engine.queueDepth()).toBe(1);
    await engine.close();
    await inFlight;
    await queued;
    expect(engine.queueDepth()).toBe(0);
    await expect(engine.check("Bonjour.", { level: "default" })).rejects.toBeInstanceOf(EngineClosedError);
    expect(engine.isReady()).toBe(false);
    expect(engine.workerPids()).toEqual([]);
    await engine.close();
  });
});

describe("GrammalecteEngine startup errors", () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), "grammar-engine-test-"));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it("names the python path and the package to install when Grammalecte cannot be imported", async () => {
    // The same interpreter without its site-packages: a real Python that has no Grammalecte.
    const pythonWithoutGrammalecte = path.join(directory, "python-without-site");
    writeFileSync(pythonWithoutGrammalecte, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
    chmodSync(pythonWithoutGrammalecte, 0o755);

    const start = GrammalecteEngine.start({ workers: 1, pythonPath: pythonWithoutGrammalecte });
    await expect(start).rejects.toBeInstanceOf(EngineStartupError);
    await expect(start).rejects.toThrow(/cannot import Grammalecte.*No module named 'grammalecte'/);
    await expect(start).rejects.toThrow(new RegExp(`${pythonWithoutGrammalecte}.*python3-grammalecte`));
  });

  it("names the python path when it does not exist", async () => {
    const missing = path.join(directory, "no-such-python");
    const start = GrammalecteEngine.start({ workers: 2, pythonPath: missing });
    await expect(start).rejects.toBeInstanceOf(EngineStartupError);
    await expect(start).rejects.toThrow(new RegExp(`Cannot run ${missing} to start Grammalecte.*ENOENT`));
  });

  it("replaces a worker whose analysis names a word it never described, and answers the request from the replacement", async () => {
    // The real worker, except that once (while the flag file exists) it marks the words of an answer described
    // without sending their descriptions: the app's lexicon and the worker's no longer match.
    const flag = path.join(directory, "lose-descriptions-once");
    writeFileSync(flag, "");
    const script = path.join(directory, "worker-losing-descriptions.py");
    writeFileSync(
      script,
      [
        "import os, sys",
        `sys.path.insert(0, ${JSON.stringify(path.dirname(fileURLToPath(new URL("./worker.py", import.meta.url))))})`,
        "import worker",
        "members = worker.Analyzer.members",
        "def losing(self, analysis):",
        "    answer = members(self, analysis)",
        `    if os.path.exists(${JSON.stringify(flag)}) and "piège" in analysis.tokens[-2]:`,
        `        os.remove(${JSON.stringify(flag)})`,
        '        answer["lexicon"] = worker.EncodedJson("{}")',
        "    return answer",
        "worker.Analyzer.members = losing",
        "worker.main()",
      ].join("\n"),
    );
    const errors: string[] = [];
    const restarts: string[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (_details: object, message: string) => errors.push(message) };
    const engine = await GrammalecteEngine.start({ workers: 1, workerScriptPath: script, logger, onWorkerRestart: (reason) => restarts.push(reason) });
    try {
      const [before] = engine.workerPids();
      const text = "Un piège !";
      const { tokens } = await engine.checkAndAnalyze(text, { level: "default" });
      expect(tokens.map((token) => token.value)).toEqual(["Un", "piège", "!"]);
      expect(tokens[1]?.morph.length).toBeGreaterThan(0);
      expect(errors).toContain("grammalecte worker's analysis does not match the words it described; replacing the worker");
      expect(restarts).toEqual(["crash"]);
      expect(engine.workerPids()).not.toContain(before);
    } finally {
      await engine.close();
    }
  });

  it("rejects invalid pool settings", async () => {
    await expect(GrammalecteEngine.start({ workers: 0 })).rejects.toThrow(/workers must be a positive integer, got 0/);
    await expect(GrammalecteEngine.start({ requestTimeoutMs: -5 })).rejects.toThrow(/requestTimeoutMs/);
    await expect(GrammalecteEngine.start({ stopGraceMs: 0 })).rejects.toThrow(/stopGraceMs must be a positive integer, got 0/);
  });
});
