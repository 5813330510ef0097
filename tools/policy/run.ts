import { readFileSync } from "node:fs";
import type { PhaseConfig } from "../../stacks/config/index.js";
import { listStacks, loadStackConfig, UnknownStackError } from "../../stacks/config/load.js";
import { synthesizeStack, type PreviewDocument } from "../offline/synthesize.js";
import { UsageError } from "../cli/usage.js";
import { parseRunnerArgs, USAGE } from "./args.js";
import { type PolicyPackConfig, previewResources, runPolicies } from "./engine.js";
import { phasePackConfig, type Rule, withOverrides, writePhaseConfigFiles } from "./phase-config.js";
import { buildReport, exitCodeOf, formatReport, type PolicyReport } from "./report.js";

export interface RunnerIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface RunnerOptions {
  /** The rules to run: the pack's `allRules` from the CLI, fixture rules in tests. */
  rules: readonly Rule[];
  /** The offline synthesis of a stack (the memoized `synthesizeStack` unless a test swaps it). */
  synthesize?: (stack: string) => Promise<{ preview: PreviewDocument }>;
}

export type PreviewLike = Parameters<typeof previewResources>[0] & { stack?: unknown };

function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The ${what} ${path} is not JSON: ${(error as Error).message}.`);
  }
}

/** A saved `npm run preview -- --json` (or `pulumi preview --json`) document, checked enough to run rules on. */
export function readPreviewFile(path: string): PreviewLike {
  const document = readJsonFile(path, "preview file") as { steps?: unknown } | null;
  const steps = document?.steps;
  const wellFormed = Array.isArray(steps) && steps.every((step) => typeof step?.urn === "string" && typeof step?.newState?.type === "string");
  if (!wellFormed) throw new UsageError(`The preview file ${path} is not a preview document: expected "steps", each with "urn" and "newState.type" (from \`npm run preview -- --stack phaseN --json\`).`);
  return {
    ...(document as PreviewLike),
    steps: (steps as PreviewLike["steps"]).map((step) => ({ ...step, newState: { ...step.newState, inputs: step.newState.inputs ?? {} } })),
  };
}

/** A policy pack config file: an object whose values are levels or objects. */
export function readPackConfigFile(path: string): PolicyPackConfig {
  const config = readJsonFile(path, "policy pack config") as unknown;
  if (config === null || typeof config !== "object" || Array.isArray(config)) throw new UsageError(`The policy pack config ${path} must be a JSON object of rule names to levels or settings.`);
  const levels = ["advisory", "mandatory", "remediate", "disabled"];
  for (const [name, value] of Object.entries(config)) {
    const valid = typeof value === "string" ? levels.includes(value) : value !== null && typeof value === "object" && !Array.isArray(value);
    if (!valid) throw new UsageError(`The policy pack config ${path}: "${name}" must be one of ${levels.join(", ")} or an object, found ${JSON.stringify(value)}.`);
  }
  return config as PolicyPackConfig;
}

function stackConfig(stack: string): PhaseConfig {
  try {
    return loadStackConfig(stack);
  } catch (error) {
    if (error instanceof UnknownStackError) throw new UsageError(error.message);
    throw error;
  }
}

/** Runs the rules on a phase (synthesized, or a saved preview) with its pack config; the report and its exit code. */
export async function checkPolicies(
  args: { stack?: string; preview?: string; config?: string },
  options: RunnerOptions,
  io: Pick<RunnerIo, "stderr">,
): Promise<PolicyReport> {
  let document: PreviewLike;
  let stack: string;
  if (args.preview !== undefined) {
    document = readPreviewFile(args.preview);
    const documentStack = typeof document.stack === "string" ? document.stack : undefined;
    if (args.stack === undefined && documentStack === undefined) {
      throw new UsageError(`The preview file ${args.preview} names no stack: give --stack (one of ${listStacks().join(", ")}) for its phase config.`);
    }
    stack = args.stack ?? (documentStack as string);
    if (documentStack !== undefined && documentStack !== stack) io.stderr(`Note: the preview file is of stack ${documentStack}; checking it with ${stack}'s config as asked.`);
  } else {
    stack = args.stack as string;
  }
  const config = stackConfig(stack);
  if (args.preview === undefined) {
    io.stderr(`Synthesizing stack ${stack} offline…`);
    document = (await (options.synthesize ?? synthesizeStack)(stack)).preview;
  }
  const generated = phasePackConfig(config, options.rules);
  const packConfig = args.config === undefined ? generated : withOverrides(generated, readPackConfigFile(args.config));
  const resources = previewResources(document!);
  const violations = await runPolicies([...options.rules], resources, packConfig);
  return buildReport(stack, violations, options.rules.length, resources.length);
}

/** The whole command: parses `argv`, prints, and returns the exit code (0 pass, 1 mandatory violation, 2 bad usage). */
export async function runPolicyCommand(argv: string[], options: RunnerOptions, io: RunnerIo): Promise<number> {
  try {
    const args = parseRunnerArgs(argv);
    if (args.command === "help") {
      io.stdout(USAGE);
      return 0;
    }
    if (args.command === "write-config") {
      for (const path of writePhaseConfigFiles(options.rules)) io.stderr(`Wrote ${path}`);
      return 0;
    }
    const report = await checkPolicies(args, options, io);
    io.stdout(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return exitCodeOf(report);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
