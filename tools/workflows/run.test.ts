import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAffectedStacksCommand } from "./run.js";

async function run(repoDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAffectedStacksCommand(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, repoDir);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("npm run affected-stacks", () => {
  const repo = mkdtempSync(join(tmpdir(), "affected-stacks-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: repo, encoding: "utf8" });
  const commit = (files: Record<string, string>) => {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(repo, name), content);
    git("add", "-A");
    git("commit", "--quiet", "-m", "change");
  };
  beforeAll(() => {
    git("init", "--quiet");
    commit({ "Pulumi.phase1.yaml": "config: {}\n", "Pulumi.phase2.yaml": "config: {}\n", "README.md": "one\n" });
    commit({ "Pulumi.phase2.yaml": "config: { a: 1 }\n", "README.md": "two\n" });
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("names the stacks the commits between --base and --head touch, and why", async () => {
    expect(await run(repo, "--base", "HEAD~1")).toEqual({ code: 0, stdout: "phase2: Pulumi.phase2.yaml", stderr: "" });
    expect((await run(repo, "--base", "HEAD~1", "--github-output")).stdout).toBe('phase1=false\nphase2=true\nstacks=["phase2"]');
    expect((await run(repo, "--base", "HEAD", "--head", "HEAD")).stdout).toBe("No stack is touched.");
  });

  it("touches every stack when the push has no commit before it", async () => {
    expect((await run(repo, "--base", "0".repeat(40), "--github-output")).stdout).toBe('phase1=true\nphase2=true\nstacks=["phase1","phase2"]');
  });

  it.each([
    ["no --base", [], /Give --base <git ref>: the commit before the change\./],
    ["an unknown ref", ["--base", "main~40"], /Unknown git ref "main~40"/],
    ["an unknown option", ["--base", "HEAD", "--bsae"], /Unknown option '--bsae'/],
  ])("exits 2 with the message and the usage for %s", async (_what, argv, message) => {
    const result = await run(repo, ...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run --silent affected-stacks");
  });
});
