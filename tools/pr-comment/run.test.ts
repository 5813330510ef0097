import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/config/load.js";
import { RUN_TYPESCRIPT_ARGUMENTS } from "../node-runtime/node-arguments.js";
import type { CostReport } from "../cost/model.js";
import { compareDocuments } from "../diff/compare.js";
import { preview, step } from "../diff/fixtures.js";
import type { PolicyReport } from "../policy/report.js";
import { ARTIFACT_FILES, PULL_REQUEST_FILE } from "./artifacts.js";
import { COMMENT_MARKER } from "./comment.js";
import { runPrCommentCommand } from "./run.js";

function run(argv: string[], stacks: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runPrCommentCommand(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, stacks);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const costReport: CostReport = {
  stack: "phase1",
  currency: "USD",
  catalogDate: "2026-10-01",
  totalMonthlyUsd: 80,
  byComponent: { database: 30, compute: 50 },
  lines: [],
  unpriced: [{ urn: "urn:pulumi:phase1::francaisfluide::vercel:index/project:Project::frontend", type: "vercel:index/project:Project", component: "frontend", reason: "no catalog entry" }],
  freeCount: 3,
  budget: { minUsd: 50, maxUsd: 100, verdict: "within" },
};
const policyReport: PolicyReport = { stack: "phase1", passed: true, summary: { mandatory: 0, advisory: 0, rules: 30, resources: 100 }, violations: [] };

describe("npm run pr-comment -- <artifacts dir>", () => {
  const dir = mkdtempSync(join(tmpdir(), "pr-comment-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, content: unknown) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), typeof content === "string" ? content : JSON.stringify(content));
  };
  write(PULL_REQUEST_FILE, { number: 7, baseSha: "1".repeat(40), headSha: "2".repeat(40) });
  write(`phase1/${ARTIFACT_FILES.diff}`, compareDocuments(preview("phase1 at base", []), preview("phase1", [step("phase1", "aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" })])));
  write(`phase1/${ARTIFACT_FILES.costBase}`, { ...costReport, totalMonthlyUsd: 60, byComponent: { database: 10, compute: 50 } });
  write(`phase1/${ARTIFACT_FILES.costHead}`, costReport);
  write(`phase1/${ARTIFACT_FILES.policy}`, policyReport);
  write(`phase2/${ARTIFACT_FILES.diff}`, "{ not json");
  write(`phase2/${ARTIFACT_FILES.policy}`, { stack: "phase2", passed: "yes" });
  write("notes.txt", "not a phase: ignored");

  it("reads each phase's files into one comment; a missing or invalid file is a line of the comment, not an error", () => {
    const result = run([dir, "--run-url", "https://github.com/o/r/actions/runs/9"], ["phase1", "phase2", "phase3"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.startsWith(`${COMMENT_MARKER}\n### Offline preview of \`2222222\` against the base \`1111111\``)).toBe(true);
    expect(result.stdout).toContain("- ✅ **phase1**: +1 ~0 -0 · cost $60.00 → $80.00/month (+$20.00 (+33.3 %)) · policy passed");
    expect(result.stdout).toContain("| `database` | $10.00 | $30.00 | +$20.00 (+200.0 %) |");
    expect(result.stdout).toContain("1 resource without a price in the catalog (not counted).");
    expect(result.stdout).toContain("- ❌ **phase2**: no diff (diff.json not JSON) · no cost estimate (cost-head.json missing) · no policy verdict (policy.json not a policy report)");
    expect(result.stdout).toMatch(/- diff\.json: not JSON \(.+\)\n/);
    expect(result.stdout).toContain("- policy.json: not a policy report (npm run policy -- --json) (passed: Invalid input: expected boolean, received string)");
    expect(result.stdout).toContain("- ❌ **phase3**: no diff (diff.json missing) ·");
    expect(result.stdout).toContain("See the [workflow run](https://github.com/o/r/actions/runs/9) for the failed step's log.");
  });

  it("reports a phase the run wrote beyond the expected ones (a phase the pull request adds)", () => {
    write(`phase5/${ARTIFACT_FILES.policy}`, { ...policyReport, stack: "phase5" });
    const result = run([dir], ["phase1"]);
    rmSync(join(dir, "phase5"), { recursive: true });
    expect(result.stdout).toContain("**phase5**");
    expect(result.stdout).not.toContain("**phase3**");
  });

  it.each([
    ["no directory", [], /Give one artifacts directory \(got 0\)\./],
    ["a directory that does not exist", [join(dir, "nope")], /The artifacts directory .*nope does not exist: download the pull-request workflow's artifacts into it first\./],
    ["a file instead of a directory", [join(dir, PULL_REQUEST_FILE)], /pull-request\.json is not a directory/],
    ["a run URL that is not one", [dir, "--run-url", "javascript:alert(1)"], /--run-url "javascript:alert\(1\)" is not an https URL of a workflow run/],
    ["an unknown option", [dir, "--nope"], /Unknown option '--nope'/],
  ])("exits 2 with a clear message and the usage for %s", (_what, argv, message) => {
    const result = run(argv, ["phase1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run pr-comment -- <artifacts dir>");
    expect(result.stdout).toBe("");
  });

  it("runs as a command: exit code 2 on bad usage", () => {
    const cli = spawnSync(process.execPath, [...RUN_TYPESCRIPT_ARGUMENTS, "tools/pr-comment.ts"], { cwd: PROJECT_DIR, encoding: "utf8" });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain("Give one artifacts directory (got 0).");
  });
});
