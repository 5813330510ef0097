import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/config/load.js";
import { RUN_TYPESCRIPT_ARGUMENTS } from "../node-runtime/node-arguments.js";
import type { DocumentDiff } from "./compare.js";
import { baseLabel, linkNodeModules, typescriptRunnerOf } from "./base.js";
import { runDiffCommand } from "./run.js";

async function run(repoDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDiffCommand(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, { repoDir });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** `npm run diff -- <argv>` in its own process, in `cwd`: its exit code and what it wrote to stderr. */
async function command(cwd: string, ...argv: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...RUN_TYPESCRIPT_ARGUMENTS, "tools/diff.ts", ...argv], { cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stderr };
}

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=diff test", "-c", "user.email=diff-test@example.invalid", ...args], { cwd, encoding: "utf8" });

describe("--base <ref>: the phase at a commit against the working tree", () => {
  // A throwaway repository holding this working tree as one commit, so the base's code is the code running here.
  const repo = mkdtempSync(join(tmpdir(), "diff-base-repo-"));
  const notARepo = mkdtempSync(join(tmpdir(), "diff-no-repo-"));
  const tempDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith("francaisfluide-base-"));
  let tempDirsBefore: string[] = [];
  let unknownRefCommand: Promise<{ status: number | null; stderr: string }>;

  beforeAll(() => {
    // The command on this repository needs none of the copy below: its process starts first and runs meanwhile.
    unknownRefCommand = command(PROJECT_DIR, "--base", "no-such-ref-anywhere", "--stack", "phase3");
    tempDirsBefore = tempDirs();
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: PROJECT_DIR, encoding: "utf8" }).split("\0");
    for (const file of files.filter((name) => name !== "" && existsSync(join(PROJECT_DIR, name)))) {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      cpSync(join(PROJECT_DIR, file), join(repo, file));
    }
    git(repo, "init", "--quiet");
    git(repo, "add", "-A");
    git(repo, "commit", "--quiet", "-m", "base");
  });
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(notARepo, { recursive: true, force: true });
  });

  it("shows the working tree's change to a stack file, and nothing else, against HEAD (the storage and its autoscaling ceiling)", async () => {
    const stackFile = join(repo, "Pulumi.phase1.yaml");
    writeFileSync(stackFile, readFileSync(stackFile, "utf8").replace("francaisfluide:databaseStorageGb: 20", "francaisfluide:databaseStorageGb: 30"));
    const result = await run(repo, "--base", "HEAD", "--stack", "phase1", "--json");
    git(repo, "checkout", "--quiet", "--", "Pulumi.phase1.yaml");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const diff = JSON.parse(result.stdout) as DocumentDiff;
    expect(diff).toMatchObject({ before: "phase1 at HEAD", after: "phase1", added: [], removed: [], renamed: [] });
    expect(diff.changed.map((r) => [r.type, r.changes.map((c) => [c.path, c.before, c.after])])).toEqual([
      [
        "aws:rds/instance:Instance",
        [
          ["inputs.allocatedStorage", 20, 30],
          ["inputs.maxAllocatedStorage", 100, 150],
        ],
      ],
    ]);
    expect(tempDirs()).toEqual(tempDirsBefore);
  });

  it("shows a phase the base does not have as entirely added", async () => {
    writeFileSync(join(repo, "Pulumi.phase5.yaml"), readFileSync(join(repo, "Pulumi.phase1.yaml"), "utf8"));
    const result = await run(repo, "--base", "HEAD", "--stack", "phase5", "--json");
    rmSync(join(repo, "Pulumi.phase5.yaml"));
    expect(result.stderr).toBe("");
    const diff = JSON.parse(result.stdout) as DocumentDiff;
    expect(diff.summary).toMatchObject({ change: 0, delete: 0, rename: 0 });
    expect(diff.summary.add).toBeGreaterThan(10);
    expect(diff.added.map((r) => r.type)).toContain("aws:rds/instance:Instance");
  });

  it.each([
    ["an unknown ref, suggesting a fetch", () => [repo, "--base", "origin/nope", "--stack", "phase1"], /Unknown git ref "origin\/nope".*`git fetch origin`/],
    ["a stack on neither side", () => [repo, "--base", "HEAD", "--stack", "phase9"], /Unknown stack "phase9": there is no Pulumi\.phase9\.yaml at HEAD nor in the working tree/],
    ["a directory outside git", () => [notARepo, "--base", "HEAD", "--stack", "phase1"], /--base needs a git repository, and .*diff-no-repo-.* is not in one/],
    ["--base without --stack", () => [repo, "--base", "HEAD"], /--base needs --stack <phaseN>: one phase at a time\./],
    ["--base with --to", () => [repo, "--base", "HEAD", "--stack", "phase1", "--to", "phase2"], /--base compares the working tree with a git ref: give --stack <phaseN>, not --to or preview files\./],
  ])("exits 2 with a clear message for %s", async (_what, argv, message) => {
    const [repoDir, ...args] = argv();
    const result = await run(repoDir as string, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("runs as a command on this repository: an unknown ref exits 2 with the message and the usage", async () => {
    const cli = await unknownRefCommand;
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('Unknown git ref "no-such-ref-anywhere"');
    expect(cli.stderr).toContain("--base <git ref> --stack <phaseN>");
  });
});

describe("linkNodeModules", () => {
  const root = mkdtempSync(join(tmpdir(), "link-node-modules-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("links every installed package as it is, and a workspace to the copy's own directory", () => {
    const project = join(root, "project");
    const tree = join(root, "tree");
    for (const dir of ["node_modules/tsx", "node_modules/@scope/lib", "node_modules/@francaisfluide", "app/node_modules/only-app", "app/src", join("..", "tree", "app")]) mkdirSync(join(project, dir), { recursive: true });
    symlinkSync("../../app", join(project, "node_modules/@francaisfluide/app"));
    linkNodeModules(project, tree);
    expect(realpathSync(join(tree, "node_modules/tsx"))).toBe(realpathSync(join(project, "node_modules/tsx")));
    expect(realpathSync(join(tree, "node_modules/@scope/lib"))).toBe(realpathSync(join(project, "node_modules/@scope/lib")));
    expect(realpathSync(join(tree, "node_modules/@francaisfluide/app"))).toBe(realpathSync(join(tree, "app")));
    expect(realpathSync(join(tree, "app/node_modules"))).toBe(realpathSync(join(project, "app/node_modules")));
  });
});

describe("baseLabel", () => {
  it("names the base by its ref, a full SHA by its first 12 digits", () => {
    expect(baseLabel("phase3", "origin/main")).toBe("phase3 at origin/main");
    expect(baseLabel("phase3", "0123456789abcdef0123456789abcdef01234567")).toBe("phase3 at 0123456789ab");
  });
});

describe("typescriptRunnerOf", () => {
  it("runs a tree with its own run-typescript hook on Node's type stripping, an older tree through tsx", () => {
    const older = mkdtempSync(join(tmpdir(), "runner-older-"));
    const newer = mkdtempSync(join(tmpdir(), "runner-newer-"));
    try {
      mkdirSync(join(newer, "tools", "node-runtime"), { recursive: true });
      writeFileSync(join(newer, "tools", "node-runtime", "run-typescript.ts"), "");
      expect(typescriptRunnerOf(older)).toEqual(["--import", "tsx"]);
      expect(typescriptRunnerOf(newer)).toEqual(["--import", join(newer, "tools", "node-runtime", "run-typescript.ts")]);
    } finally {
      rmSync(older, { recursive: true, force: true });
      rmSync(newer, { recursive: true, force: true });
    }
  });
});
