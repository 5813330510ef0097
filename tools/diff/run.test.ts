import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/config/load.js";
import { RUN_TYPESCRIPT_ARGUMENTS } from "../node-runtime/node-arguments.js";
import { UsageError } from "../cli/usage.js";
import { parseDiffArgs } from "./args.js";
import type { DocumentDiff } from "./compare.js";
import { preview, step } from "./fixtures.js";
import { runDiffCommand } from "./run.js";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDiffCommand(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** `npm run diff -- <argv>` in its own process: its exit code and what it wrote. */
async function command(...argv: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...RUN_TYPESCRIPT_ARGUMENTS, "tools/diff.ts", ...argv], { cwd: PROJECT_DIR, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}

describe("parseDiffArgs", () => {
  it("reads two files, or two stacks, and a format", () => {
    expect(parseDiffArgs(["a.json", "b.json"])).toEqual({ command: "files", before: "a.json", after: "b.json", format: "text" });
    expect(parseDiffArgs(["--stack", "phase2", "--to", "phase3", "--markdown"])).toEqual({ command: "stacks", from: "phase2", to: "phase3", format: "markdown" });
    expect(parseDiffArgs(["a.json", "b.json", "--json"])).toMatchObject({ format: "json" });
    expect(parseDiffArgs(["--base", "origin/main", "--stack", "phase3", "--markdown"])).toEqual({ command: "base", ref: "origin/main", stack: "phase3", format: "markdown" });
    expect(parseDiffArgs(["-h"])).toEqual({ command: "help" });
  });

  it.each([
    [[], "Give two preview files (got 0) or --stack <phaseN> --to <phaseM>."],
    [["a.json"], "Give two preview files (got 1) or --stack <phaseN> --to <phaseM>."],
    [["--stack", "phase2"], "--stack and --to go together: --stack <phaseN> --to <phaseM>."],
    [["--stack", "phase2", "--to", "phase3", "a.json"], "Give two preview files or --stack with --to, not both."],
    [["a.json", "b.json", "--json", "--markdown"], "Give --json or --markdown, not both."],
    [["--stack", "", "--to", "phase3"], "--stack needs a value."],
    [["--base", "", "--stack", "phase3"], "--base needs a value."],
  ])("rejects %j", (argv, message) => {
    expect(() => parseDiffArgs(argv)).toThrow(new UsageError(message));
  });

  it("rejects an unknown option as a usage error", () => {
    expect(() => parseDiffArgs(["--stak", "phase1"])).toThrow(UsageError);
  });
});

describe("runDiffCommand", () => {
  const dir = mkdtempSync(join(tmpdir(), "diff-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const before = write("before.json", JSON.stringify(preview("phase3", [step("phase3", "aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" })])));
  const after = write("after.json", JSON.stringify(preview("phase3", [step("phase3", "aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.9.0.0/16" })])));

  it("compares two files and exits 0", async () => {
    const result = await run(before, after);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("phase3: 0 to add, 1 to change (1 replacement), 0 to delete, 0 renames");
    expect(JSON.parse((await run(before, after, "--json")).stdout)).toMatchObject({ summary: { change: 1, replace: 1 } });
  });

  it.each([
    ["a missing file", () => [join(dir, "nope.json"), after], /Cannot read the preview file .*nope\.json: no such file\./],
    ["a file that is not JSON", () => [write("bad.json", "{"), after], /The preview file .*bad\.json is not JSON/],
    ["JSON that is not a preview", () => [before, write("other.json", '{"steps":[{}]}')], /is not a preview document \(step 0 has no "urn"\)/],
    ["an unknown stack, with the known ones", () => ["--stack", "phase9", "--to", "phase1"], /Unknown stack "phase9".*Stacks of this project: phase1, phase2, phase3, phase4\./],
    ["bad arguments", () => ["--nope"], /Unknown option '--nope'/],
  ])("exits 2 with a clear message and the usage for %s", async (_what, argv, message) => {
    const result = await run(...argv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run diff -- <before.json>");
    expect(result.stdout).toBe("");
  });

  it("runs as a command: exit code 2 on bad usage, the diff on stdout otherwise", async () => {
    // Two independent processes, started together.
    const [cli, ok] = await Promise.all([command("only-one.json"), command(before, before)]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain("Give two preview files (got 1)");
    expect(ok).toMatchObject({ status: 0, stdout: "phase3: no changes\n" });
  });
});

describe("phase1 → phase2, synthesized from the stack files", () => {
  const diffOf = async () => JSON.parse((await run("--stack", "phase1", "--to", "phase2", "--json")).stdout) as DocumentDiff;

  it("shows the database's new class, storage and Multi-AZ, in place", async () => {
    const diff = await diffOf();
    const database = diff.changed.find((r) => r.type === "aws:rds/instance:Instance");
    const change = (path: string) => database?.changes.find((c) => c.path === path);
    expect(change("inputs.instanceClass")).toMatchObject({ before: "db.t4g.micro", after: "db.t4g.medium", replaces: false });
    expect(change("inputs.multiAz")).toMatchObject({ before: false, after: true, replaces: false });
    expect(change("inputs.allocatedStorage")).toMatchObject({ before: 20, after: 50 });
    expect(change("inputs.backupRetentionPeriod")).toMatchObject({ before: 7, after: 14 });
  });

  it("adds the single NAT gateway and its address, and sizes the tasks up (a new task definition revision)", async () => {
    const diff = await diffOf();
    expect(diff.added.filter((r) => r.type === "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    expect(diff.added.filter((r) => r.type === "aws:ec2/eip:Eip")).toHaveLength(1);
    const task = diff.changed.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition");
    expect(task?.replace).toBe(true);
    expect(task?.changes.find((c) => c.path === "inputs.memory")).toMatchObject({ before: "2048", after: "4096" });
    const service = diff.changed.find((r) => r.type === "aws:ecs/service:Service");
    expect(service?.changes.find((c) => c.path === "inputs.desiredCount")).toMatchObject({ before: 1, after: 2, replaces: false });
  });

  it("renders the same Markdown twice, with the summary line first", async () => {
    const first = (await run("--stack", "phase1", "--to", "phase2", "--markdown")).stdout;
    expect(first).toMatch(/^\*\*phase1 → phase2: \d+ to add, \d+ to change \(\d+ replacements?\), \d+ to delete, 0 renames\*\*\n/);
    expect(first).toContain("<details><summary><code>aws:rds/instance:Instance</code>: 1 to change</summary>");
    expect(first).toContain('| `database-main` | `inputs.instanceClass` | `"db.t4g.micro"` | `"db.t4g.medium"` | no |');
    expect((await run("--stack", "phase1", "--to", "phase2", "--markdown")).stdout).toBe(first);
  });
});
