import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { listStacks, PROJECT_DIR } from "../../stacks/config/load.js";
import { type CommandIo, parseCommandLine, UsageError } from "../cli/usage.js";
import { resolveRef } from "../diff/base.js";
import { affectedStacks, githubOutput } from "./affected-stacks.js";

export const USAGE = [
  "Usage: npm run --silent affected-stacks -- --base <git ref> [--head <git ref>] [--github-output]",
  "  --base           the commit before the change (a push's github.event.before); all zeros: every stack",
  "  --head           the commit after it (default: HEAD)",
  "  --github-output  print `<stack>=true|false` lines and `stacks=[…]` for $GITHUB_OUTPUT instead of one line per stack",
  "Exit codes: 0 printed, 2 bad usage or an unknown ref.",
].join("\n");

/** GitHub's `before` of a push that has no previous commit (a new branch): nothing to compare with. */
const NO_COMMIT = /^0{40}$/;

async function changedPaths(repoDir: string, base: string, head: string): Promise<string[]> {
  const [from, to] = [await resolveRef(repoDir, base), await resolveRef(repoDir, head)];
  const { stdout } = await promisify(execFile)("git", ["diff", "--name-only", "--no-renames", "-z", from.sha, to.sha], { cwd: repoDir, maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\0").filter((path) => path !== "");
}

/** `tools/affected-stacks.ts`: the stacks a change touches (see affected-stacks.ts); returns the exit code. */
export async function runAffectedStacksCommand(argv: string[], io: CommandIo, repoDir = PROJECT_DIR): Promise<number> {
  try {
    const { values } = parseCommandLine({
      args: argv,
      options: { base: { type: "string" }, head: { type: "string", default: "HEAD" }, "github-output": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (!values.base) throw new UsageError("Give --base <git ref>: the commit before the change.");
    const stacks = listStacks(repoDir);
    const affected = NO_COMMIT.test(values.base)
      ? new Map(stacks.map((stack) => [stack, ["(no commit before this one: every stack)"]]))
      : affectedStacks(await changedPaths(repoDir, values.base, values.head), stacks);
    if (values["github-output"]) io.stdout(githubOutput(affected, stacks));
    else io.stdout(affected.size === 0 ? "No stack is touched." : [...affected].map(([stack, by]) => `${stack}: ${by.join(", ")}`).join("\n"));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
