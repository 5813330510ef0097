import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PreviewDocument } from "../offline/synthesize.js";
import { runPolicyCommand, type RunnerOptions } from "./run.js";
import { fixturePreview, fixtureRules } from "./testing-rules.js";

let directory: string;
function file(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function run(argv: string[], options: Partial<RunnerOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPolicyCommand(argv, { rules: fixtureRules, ...options }, { stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const compliant = () => fixturePreview("phase1", [{ name: "assets", encrypted: true }]);
const advisoryOnly = () => fixturePreview("phase1", [{ name: "assets", encrypted: true, tagged: false }]);
const mandatory = () => fixturePreview("phase1", [{ name: "assets", encrypted: false, tagged: false }]);

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "policy-runner-"));
});

describe("npm run policy -- --preview: exit codes", () => {
  it("exits 0 with nothing to report", async () => {
    const { code, stdout } = await run(["--preview", file("ok.json", compliant())]);
    expect(code).toBe(0);
    expect(stdout).toBe("PASSED: stack phase1, 3 rules on 1 resource: 0 mandatory, 0 advisory violations.");
  });

  it("exits 0 with advisories only, and prints them", async () => {
    const { code, stdout } = await run(["--preview", file("advisory.json", advisoryOnly())]);
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      "Advisory violations (1):",
      "  [advisory] test-all-resources-configure-tags urn:pulumi:phase1::francaisfluide::aws:s3/bucket:Bucket::assets: Missing the project tag.",
      "PASSED: stack phase1, 3 rules on 1 resource: 0 mandatory, 1 advisory violation.",
    ]);
  });

  it("exits 1 on a mandatory violation, listed before the advisories", async () => {
    const { code, stdout } = await run(["--preview", file("mandatory.json", mandatory())]);
    expect(code).toBe(1);
    expect(stdout.split("\n")).toEqual([
      "Mandatory violations (1):",
      "  [mandatory] test-s3-bucket-enable-encryption urn:pulumi:phase1::francaisfluide::aws:s3/bucket:Bucket::assets: Bucket is not encrypted.",
      "Advisory violations (1):",
      "  [advisory] test-all-resources-configure-tags urn:pulumi:phase1::francaisfluide::aws:s3/bucket:Bucket::assets: Missing the project tag.",
      "FAILED: stack phase1, 3 rules on 1 resource: 1 mandatory, 1 advisory violation.",
    ]);
  });
});

describe("npm run policy -- --json", () => {
  it("prints the stack, the verdict, the counts and every violation, mandatory first", async () => {
    const { code, stdout } = await run(["--preview", file("mandatory.json", mandatory()), "--json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      stack: "phase1",
      passed: false,
      summary: { mandatory: 1, advisory: 1, rules: 3, resources: 1 },
      violations: [
        { policy: "test-s3-bucket-enable-encryption", enforcementLevel: "mandatory", message: "Bucket is not encrypted.", urn: "urn:pulumi:phase1::francaisfluide::aws:s3/bucket:Bucket::assets" },
        { policy: "test-all-resources-configure-tags", enforcementLevel: "advisory", message: "Missing the project tag.", urn: "urn:pulumi:phase1::francaisfluide::aws:s3/bucket:Bucket::assets" },
      ],
    });
  });
});

describe("npm run policy: the phase's stack facts and a config file", () => {
  it("gives the rules the facts of the document's stack (phase 4: three regions)", async () => {
    const { code, stdout } = await run(["--preview", file("phase4.json", fixturePreview("phase4", [{ name: "assets", encrypted: true }])), "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).violations).toEqual([{ policy: "test-stack-configure-regions", enforcementLevel: "advisory", message: "Phase 4: 1 bucket(s) for 3 region(s), at least 1." }]);
  });

  it("uses --stack's config for a preview of another stack, and says so", async () => {
    const { stdout, stderr } = await run(["--preview", file("phase4.json", fixturePreview("phase4", [{ name: "assets", encrypted: true }])), "--stack", "phase1", "--json"]);
    expect(JSON.parse(stdout).violations).toEqual([]);
    expect(stderr).toBe("Note: the preview file is of stack phase4; checking it with phase1's config as asked.");
  });

  it("honours a config file: a rule disabled, a level raised, a bound overridden with the stack facts kept", async () => {
    const preview = file("mandatory.json", mandatory());
    const disabled = await run(["--preview", preview, "--config", file("disabled.json", { "test-s3-bucket-enable-encryption": { enforcementLevel: "disabled" } })]);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain("0 mandatory, 1 advisory violation.");

    const raised = await run(["--preview", file("advisory.json", advisoryOnly()), "--config", file("raised.json", { "test-all-resources-configure-tags": "mandatory" })]);
    expect(raised.code).toBe(1);
    expect(raised.stdout).toContain("  [mandatory] test-all-resources-configure-tags ");

    const bound = await run(["--preview", file("phase4b.json", fixturePreview("phase4", [{ name: "a", encrypted: true }])), "--json", "--config", file("bound.json", { "test-stack-configure-regions": { minimumBuckets: 5 } })]);
    expect(JSON.parse(bound.stdout).violations[0].message).toBe("Phase 4: 1 bucket(s) for 3 region(s), at least 5.");
  });

  it("synthesizes --stack offline when no preview is given", async () => {
    const synthesize = async (stack: string) => ({ preview: fixturePreview(stack, [{ name: "x", encrypted: false }]) as unknown as PreviewDocument });
    const { code, stdout, stderr } = await run(["--stack", "phase2", "--json"], { synthesize });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).stack).toBe("phase2");
    expect(stderr).toBe("Synthesizing stack phase2 offline…");
  });
});

describe("npm run policy: bad usage exits 2 with a clear message", () => {
  it.each([
    [["--stack", "phase9"], 'Unknown stack "phase9": there is no Pulumi.phase9.yaml. Stacks of this project: phase1, phase2, phase3, phase4.'],
    [["--bogus"], "Unknown option '--bogus'"],
    [[], "Give --stack <phase> (synthesized offline) or --preview <file.json> (a saved preview)."],
  ])("%j", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).toContain("Usage: npm run policy -- --stack");
  });

  it("names an unreadable, a non-JSON and a non-preview file", async () => {
    const missing = join(directory, "missing.json");
    expect((await run(["--preview", missing])).stderr).toContain(`Cannot read the preview file ${missing}: no such file.`);
    const garbled = file("garbled.json", "{ not json");
    expect((await run(["--preview", garbled])).stderr).toContain(`The preview file ${garbled} is not JSON: `);
    const other = file("other.json", { resources: [] });
    const result = await run(["--preview", other]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The preview file ${other} is not a preview document: expected "steps", each with "urn" and "newState.type"`);
  });

  it("asks for --stack when the preview names none", async () => {
    const { code, stderr } = await run(["--preview", file("nostack.json", { steps: [] })]);
    expect(code).toBe(2);
    expect(stderr).toContain("names no stack: give --stack (one of phase1, phase2, phase3, phase4) for its phase config.");
  });

  it("rejects a config file that is not an object of levels or settings", async () => {
    const config = file("bad-config.json", { "test-s3-bucket-enable-encryption": "off" });
    const { code, stderr } = await run(["--preview", file("ok.json", compliant()), "--config", config]);
    expect(code).toBe(2);
    expect(stderr).toContain(`The policy pack config ${config}: "test-s3-bucket-enable-encryption" must be one of advisory, mandatory, remediate, disabled or an object, found "off".`);
  });
});
