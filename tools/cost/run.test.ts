import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/config/load.js";
import { RUN_TYPESCRIPT_ARGUMENTS } from "../node-runtime/node-arguments.js";
import { synthesizeStack } from "../offline/synthesize.js";
import { UsageError } from "../cli/usage.js";
import { parseCostArgs } from "./args.js";
import { TEST_CATALOG_YAML } from "./fixtures.js";
import type { CostReport } from "./model.js";
import { runCostCommand } from "./run.js";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCostCommand(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("parseCostArgs", () => {
  it("reads a stack or a preview file, a catalog and a format", () => {
    expect(parseCostArgs(["--stack", "phase3"])).toEqual({ command: "estimate", stack: "phase3", format: "text" });
    expect(parseCostArgs(["--preview", "p.json", "--markdown"])).toEqual({ command: "estimate", preview: "p.json", format: "markdown" });
    expect(parseCostArgs(["--preview", "p.json", "--stack", "phase1", "--catalog", "c.yaml", "--json"])).toEqual({ command: "estimate", preview: "p.json", stack: "phase1", catalog: "c.yaml", format: "json" });
    expect(parseCostArgs(["-h"])).toEqual({ command: "help" });
  });

  it.each([
    [[], "Give --stack <phaseN>, or --preview <file.json>."],
    [["--stack", "phase1", "--json", "--markdown"], "Give --json or --markdown, not both."],
    [["--stack", ""], "--stack needs a value."],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCostArgs(argv)).toThrow(new UsageError(message));
  });
});

describe("runCostCommand", () => {
  const dir = mkdtempSync(join(tmpdir(), "cost-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it("prints phase 1's estimate: components, total, budget verdict, unpriced and free counts, catalog date; exit 0 even over budget", async () => {
    const result = await run("--stack", "phase1");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Monthly cost estimate of phase1: on-demand list prices of the catalog of \d{4}-\d{2}-\d{2}, in USD\. An estimate, not a quote\./);
    expect(result.stdout).toContain("730 hours a month; 32,850,000 requests a month (midpoint of 500-1,000 requests/min × 60 × 730 h)");
    expect(result.stdout).toMatch(/\nBy component:\n +\$[\d,.]+ {2}backend\n/);
    expect(result.stdout).toMatch(/\nTotal \$[\d,.]+ a month: (UNDER|WITHIN|OVER) the budget of \$50\.00-\$100\.00/);
    expect(result.stdout).toContain("Unpriced: none.");
    expect(result.stdout).toMatch(/Free by design \(zero-priced in the catalog\): \d+ resources\./);
  });

  it("estimates a saved preview, naming its stack from its URNs, and lists what the catalog cannot price", async () => {
    const { preview } = await synthesizeStack("phase1");
    const path = write("phase1.json", JSON.stringify({ ...preview, stack: undefined }));
    const catalog = write("prices.yaml", TEST_CATALOG_YAML);
    const result = await run("--preview", path, "--catalog", catalog, "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as CostReport;
    expect(report).toMatchObject({ stack: "phase1", catalogDate: "2026-01-15", currency: "USD" });
    // The test catalog prices eu-west-3 only: phase 1's us-east-1 resources are listed, not counted as zero.
    const nat = report.unpriced.find((resource) => resource.type === "aws:rds/instance:Instance");
    expect(nat?.reason).toBe("no catalog price for rds-postgres/db.t4g.micro in us-east-1, rds-storage/gp3 in us-east-1");
    expect(report.lines.every((line) => line.monthlyUsd >= 0)).toBe(true);
    const text = await run("--preview", path, "--catalog", catalog);
    expect(text.stdout).toMatch(/Unpriced, NOT counted in the total \(\d+ resources\):\n {2}aws:/);
    expect(text.stdout).toMatch(/ {2}aws:rds\/instance:Instance ×1: no catalog price for rds-postgres\/db\.t4g\.micro in us-east-1/);
  });

  it.each([
    ["an unknown stack, with the known ones", () => ["--stack", "phase9"], /Unknown stack "phase9" \(--stack\).*Stacks of this project: phase1, phase2, phase3, phase4\./],
    ["a missing preview file", () => ["--preview", join(dir, "nope.json")], /Cannot read the preview file .*nope\.json: no such file\./],
    ["a file that is not a preview", () => ["--preview", write("other.json", '{"steps":[{}]}')], /is not a preview document \(step 0 has no "urn"\)/],
    ["a preview whose stack is unknown", () => ["--preview", write("staging.json", JSON.stringify({ stack: "staging", steps: [] }))], /Unknown stack "staging" \(read from .*staging\.json\)/],
    ["a preview naming no stack", () => ["--preview", write("empty.json", JSON.stringify({ steps: [] }))], /names no stack: give --stack <phaseN>/],
    ["bad arguments", () => ["--nope"], /Unknown option '--nope'/],
  ])("exits 2 with a clear message and the usage for %s", async (_what, argv, message) => {
    const result = await run(...argv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run cost -- --stack <phaseN>");
    expect(result.stdout).toBe("");
  });

  it("exits 2 naming the entry and field of a bad catalog", async () => {
    const catalog = write("bad.yaml", TEST_CATALOG_YAML.replace("usd: 0.04,", "usd: cheap,"));
    const result = await run("--stack", "phase1", "--catalog", catalog);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("prices[0] (rds-postgres/db.t4g.small in eu-west-3), field usd:");
  });

  it("runs as a command: exit code 2 and the usage on bad usage", () => {
    const cli = spawnSync(process.execPath, [...RUN_TYPESCRIPT_ARGUMENTS, "tools/cost.ts", "--json"], { cwd: PROJECT_DIR, encoding: "utf8" });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain("Give --stack <phaseN>, or --preview <file.json>.");
  });
});
