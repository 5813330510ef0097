/**
 * `npm run bench:learner-cost -w app [-- sentences]`: what the learner rules add per sentence of the throughput
 * benchmark's distinct sentences (bench/french-sentences.ts), outside the HTTP path: the bytes of the worker's
 * answers, the time to parse the analysis as the pool does, and the time of the rules (learnerMatches) on the
 * event loop. `node --cpu-prof --import tsx bench/learner-cost.ts` profiles them. Prints figures only: the
 * machine is shared and noisy, no target is asserted.
 *
 * It speaks to a worker.py of its own so that the bytes of each answer can be counted. The worker describes each
 * word once (its "lexicon"), so answers are read in the order it wrote them, as the pool reads them.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { analyzedTokensOf, Lexicon, type AnalyzedToken } from "../src/infra/grammar/learner-rules/analysis.js";
import { LEARNER_RULES } from "../src/infra/grammar/learner-rules/index.js";
import { learnerMatches, rulesAtLevel } from "../src/infra/grammar/learner-rules/matches.js";
import { sentenceAt } from "./french-sentences.js";

const WORKER = fileURLToPath(new URL("../src/infra/grammar/worker.py", import.meta.url));
const SENTENCES = Number(process.argv[2] ?? "500");
const ROUNDS = 20;
const CHECK_OPTIONS = { gc: {}, spellSuggestions: true };

interface Worker {
  /** The raw answer line to one request. */
  ask(request: object): Promise<string>;
  stop(): void;
}

async function startWorker(): Promise<Worker> {
  const child = spawn("/usr/bin/python3", [WORKER], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${WORKER} exited; see its stderr above`);
    return value as string;
  };
  const ready = await next();
  if ((JSON.parse(ready) as { ready?: boolean }).ready !== true) throw new Error(`${WORKER} did not start: ${ready}`);
  let id = 0;
  return {
    ask: async (request) => {
      child.stdin.write(`${JSON.stringify({ id: ++id, ...request })}\n`);
      const line = await next();
      const error = (JSON.parse(line) as { error?: string }).error;
      if (error !== undefined) throw new Error(`${WORKER} failed on ${JSON.stringify(request).slice(0, 200)}: ${error}`);
      return line;
    },
    stop: () => child.kill(),
  };
}

interface Answer {
  text: string;
  /** The worker's answer to the check and analysis of `text`. */
  line: string;
}

/** The analyses of every answer, read in order through one lexicon as the pool reads a worker's answers. */
function analysesOf(answers: readonly Answer[]): AnalyzedToken[][] {
  const lexicon = new Lexicon();
  return answers.map(({ text, line }) => analyzedTokensOf(text, lexicon.read(JSON.parse(line) as Record<string, unknown>)));
}

function microsecondsPerSentence(run: () => void): number {
  run(); // warm-up
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) run();
  return ((performance.now() - started) * 1000) / (ROUNDS * SENTENCES);
}

async function main(): Promise<void> {
  if (!Number.isInteger(SENTENCES) || SENTENCES < 1) throw new Error(`sentences must be a positive integer, got ${process.argv[2]}`);
  const worker = await startWorker();
  const answers: Answer[] = [];
  for (let index = 0; index < SENTENCES; index++) {
    const text = sentenceAt(index);
    answers.push({ text, line: await worker.ask({ op: "check", text, options: CHECK_OPTIONS, analyze: true }) });
  }
  worker.stop();

  const bytes = answers.reduce((sum, { line }) => sum + Buffer.byteLength(line) + 1, 0);
  const analyses = analysesOf(answers);
  const rules = rulesAtLevel(LEARNER_RULES, "default");
  const findings = analyses.reduce((sum, tokens) => sum + learnerMatches(tokens, rules).length, 0);
  const parse = microsecondsPerSentence(() => analysesOf(answers));
  const match = microsecondsPerSentence(() => analyses.forEach((tokens) => learnerMatches(tokens, rules)));
  const lines = [
    `${SENTENCES} distinct sentences of the throughput benchmark, one combined check+analysis request each`,
    `  answer bytes per sentence: ${(bytes / SENTENCES).toFixed(0)} (each word described once per worker)`,
    `  parse of the analysis (JSON.parse, Lexicon.read, analyzedTokensOf): ${parse.toFixed(1)} µs per sentence`,
    `  learner rules at the default level (learnerMatches): ${match.toFixed(1)} µs per sentence, ${findings} finding(s) in all`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`learner-cost failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
