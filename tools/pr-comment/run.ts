import { statSync } from "node:fs";
import { listStacks } from "../../stacks/config/load.js";
import { type CommandIo, parseCommandLine, UsageError } from "../cli/usage.js";
import { phasesIn, readPhaseArtifacts, readPullRequest } from "./artifacts.js";
import { buildComment } from "./comment.js";

export const USAGE = [
  "Usage: npm run pr-comment -- <artifacts dir> [--run-url <https://github.com/…/actions/runs/…>]",
  "  <artifacts dir>  the pull-request workflow's artifacts: <phase>/diff.json, cost-base.json, cost-head.json, policy.json,",
  "                   and pull-request.json; a missing or invalid file is reported in the comment, not an error",
  "  --run-url        the workflow run that wrote them, linked from the comment",
  "Prints the pull-request comment's Markdown. Exit codes: 0 printed, 2 bad usage.",
].join("\n");

function parse(argv: string[]): { dir: string; runUrl?: string } | "help" {
  const { values, positionals } = parseCommandLine({ args: argv, options: { "run-url": { type: "string" }, help: { type: "boolean", short: "h", default: false } }, allowPositionals: true });
  if (values.help) return "help";
  const [dir] = positionals;
  if (positionals.length !== 1 || dir === undefined) throw new UsageError(`Give one artifacts directory (got ${positionals.length}).`);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`The artifacts directory ${dir} does not exist: download the pull-request workflow's artifacts into it first.`);
  }
  if (!isDirectory) throw new UsageError(`${dir} is not a directory: give the directory the artifacts were downloaded into.`);
  const runUrl = values["run-url"];
  if (runUrl !== undefined && !/^https:\/\/[\w.-]+\/[\w./%-]+$/.test(runUrl)) throw new UsageError(`--run-url "${runUrl}" is not an https URL of a workflow run: give github.event.workflow_run.html_url.`);
  return runUrl === undefined ? { dir } : { dir, runUrl };
}

/** `tools/pr-comment.ts`: prints the comment and returns the exit code (0 printed, 2 bad usage). */
export function runPrCommentCommand(argv: string[], io: CommandIo, expectedStacks: readonly string[] = listStacks()): number {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    io.stdout(USAGE);
    return 0;
  }
  const pullRequest = readPullRequest(args.dir);
  io.stdout(
    buildComment({
      phases: phasesIn(args.dir, expectedStacks).map((stack) => readPhaseArtifacts(args.dir, stack)),
      ...(pullRequest.ok ? { pullRequest: pullRequest.value } : {}),
      ...(args.runUrl === undefined ? {} : { runUrl: args.runUrl }),
    }),
  );
  return 0;
}
