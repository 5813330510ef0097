/**
 * `npm run eval:grammar -- [--level default|picky] [--json] [--verbose] [file.tsv|directory ...]`: detection,
 * correction and false-alarm rates of the engine alone and of the engine with the learner rules, per
 * category, on evaluation files (see cases.ts); by default the shipped set, app/eval/learner/.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import type { CheckLevel, GrammarEngine } from "../engine.js";
import { LearnerRulesEngine } from "../learner-engine.js";
import { GrammalecteEngine } from "../worker-pool.js";
import { EvaluationFileError, parseCases, type EvaluationCase } from "./cases.js";
import { buildReport, formatReport, type CaseResult } from "./report.js";
import { outcomeOf } from "./scores.js";

const SHIPPED = fileURLToPath(new URL("../../../../eval/learner", import.meta.url));

const USAGE = `usage: npm run eval:grammar -- [--level default|picky] [--json] [--verbose] [file.tsv|directory ...]
  Prints detection, correction and false-alarm rates of the engine alone and with the learner rules, per category.
  Each file has one case a line: sentence<TAB>wrong words<TAB>fix|other fix (wrong words and fixes empty for a
  correct sentence); its name is the category. A directory means its .tsv files. Default: ${SHIPPED}
  --verbose lists the cases each checker gets wrong.`;

class UsageError extends Error {}

interface Options {
  level: CheckLevel;
  json: boolean;
  verbose: boolean;
  paths: string[];
}

/** npm runs the app's script in app/; a path is meant from where `npm run` was typed (INIT_CWD). */
function fromInvocationDirectory(target: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), target);
}

export function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { level: { type: "string", default: "default" }, json: { type: "boolean", default: false }, verbose: { type: "boolean", default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const level = parsed.values.level;
  if (level !== "default" && level !== "picky") throw new UsageError(`--level ${JSON.stringify(level)} is not a level: use default or picky`);
  return { level, json: parsed.values.json, verbose: parsed.values.verbose, paths: parsed.positionals.length > 0 ? parsed.positionals.map(fromInvocationDirectory) : [SHIPPED] };
}

/** The .tsv files a path names: itself, or a directory's .tsv files in name order. */
export function evaluationFiles(target: string): string[] {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    throw new UsageError(`${target} does not exist: give a .tsv file or a directory of them`);
  }
  if (!stats.isDirectory()) return [target];
  const files = readdirSync(target).filter((name) => name.endsWith(".tsv")).sort().map((name) => path.join(target, name));
  if (files.length === 0) throw new UsageError(`${target} has no .tsv file`);
  return files;
}

export function loadCases(paths: readonly string[]): EvaluationCase[] {
  return paths.flatMap(evaluationFiles).flatMap((file) => parseCases(readFileSync(file, "utf8"), path.basename(file, ".tsv"), file));
}

/** Cases checked at once: the pool's request timeout runs from submission, so a whole file queued at once would time out. */
const CASES_IN_FLIGHT = 8;

async function evaluate(cases: readonly EvaluationCase[], engine: GrammarEngine, withRules: GrammarEngine, level: CheckLevel): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (let start = 0; start < cases.length; start += CASES_IN_FLIGHT) {
    const batch = cases.slice(start, start + CASES_IN_FLIGHT).map(async (testCase) => {
      const [engineMatches, ruleMatches] = await Promise.all([engine.check(testCase.sentence, { level }), withRules.check(testCase.sentence, { level })]);
      return { testCase, engine: outcomeOf(testCase, engineMatches), withRules: outcomeOf(testCase, ruleMatches) };
    });
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

function misses(results: readonly CaseResult[]): string[] {
  return results.flatMap(({ testCase, engine, withRules }) => {
    const label = (outcome: CaseResult["engine"]): string =>
      testCase.wrong === null ? (outcome.falseAlarm ? "false alarm" : "ok") : outcome.corrected ? "corrected" : outcome.detected ? "detected only" : "missed";
    const withRulesLabel = label(withRules);
    if (withRulesLabel === "ok" || withRulesLabel === "corrected") return [];
    return [`${testCase.source}  engine: ${label(engine)}, +rules: ${withRulesLabel}  ${testCase.sentence}`];
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  let cases: EvaluationCase[];
  try {
    options = parseOptions(argv);
    cases = loadCases(options.paths);
  } catch (error) {
    if (error instanceof UsageError || error instanceof EvaluationFileError) {
      process.stderr.write(`eval:grammar: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const engine = await GrammalecteEngine.start({ workers: 2 });
  try {
    const results = await evaluate(cases, engine, new LearnerRulesEngine(engine), options.level);
    const report = buildReport(options.level, results);
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    if (options.verbose) process.stdout.write(`${misses(results).join("\n")}\n`);
    return 0;
  } finally {
    await engine.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
