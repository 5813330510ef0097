import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR, loadStackConfig } from "../../stacks/config/load.js";
import { RUN_TYPESCRIPT_ARGUMENTS } from "../node-runtime/node-arguments.js";
import * as pulumi from "@pulumi/pulumi";
import { canonical, resolvedWithSecretsHidden, synthesizePhase, withSecretsHidden } from "./synthesize.js";

const execFileAsync = promisify(execFile);

describe("synthesizePhase", () => {
  it("gives byte-identical JSON for two runs of a phase in one process, with another phase between them", async () => {
    const first = JSON.stringify(await synthesizePhase(loadStackConfig("phase3")));
    await synthesizePhase(loadStackConfig("phase1"));
    const second = JSON.stringify(await synthesizePhase(loadStackConfig("phase3")));
    expect(second).toBe(first);
  });

  it("shapes steps like pulumi preview --json: op, urn, newState with type, inputs and parent", async () => {
    const preview = await synthesizePhase(loadStackConfig("phase2"));
    expect(preview.changeSummary.create).toBe(preview.steps.length);
    const stackUrn = "urn:pulumi:phase2::francaisfluide::pulumi:pulumi:Stack::francaisfluide-phase2";
    const network = preview.steps.find((s) => s.newState.type === "francaisfluide:network:Network");
    expect(network?.newState.parent).toBe(stackUrn);
    const vpc = preview.steps.find((s) => s.newState.type === "aws:ec2/vpc:Vpc");
    expect(vpc).toMatchObject({
      op: "create",
      urn: "urn:pulumi:phase2::francaisfluide::francaisfluide:network:Network$aws:ec2/vpc:Vpc::network-us-east-1-vpc",
      newState: { custom: true, type: "aws:ec2/vpc:Vpc", parent: network?.urn, inputs: { cidrBlock: "10.10.0.0/16" } },
    });
    expect(vpc?.newState.provider).toMatch(/^urn:pulumi:phase2::francaisfluide::pulumi:providers:aws::aws-us-east-1::/);
  });

  it("shows secret Outputs among the program's outputs as [secret], at any depth, and resolves the others", async () => {
    const resolved = await resolvedWithSecretsHidden({ dsn: pulumi.secret("https://key@o1.ingest.sentry.io/2"), nested: [{ id: pulumi.output("slo-1"), token: pulumi.secret("t") }], plain: 3 });
    expect(resolved).toEqual({ dsn: "[secret]", nested: [{ id: "slo-1", token: "[secret]" }], plain: 3 });
  });

  it("sorts object keys at every level", () => {
    expect(JSON.stringify(canonical({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }))).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe("npm run preview", () => {
  const run = async (...args: string[]) =>
    (await execFileAsync(process.execPath, [...RUN_TYPESCRIPT_ARGUMENTS, "tools/preview.ts", ...args], { cwd: PROJECT_DIR, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })).stdout;
  /** What the command wrote to stderr when it failed; "" when it exited 0. */
  const stderrOfFailed = (...args: string[]) =>
    run(...args).then(
      () => "",
      (error: unknown) => String((error as { stderr: string }).stderr),
    );
  // The four processes are independent: they start together in beforeAll and each test awaits its own, so they
  // share the machine's cores instead of waiting for one another (each loads the Pulumi SDK and synthesizes).
  let runs: { json: [Promise<string>, Promise<string>]; summary: Promise<string>; unknownStack: Promise<string> };
  beforeAll(() => {
    runs = {
      json: [run("--stack", "phase4", "--json"), run("--stack", "phase4", "--json")],
      summary: run("--stack", "phase4"),
      unknownStack: stderrOfFailed("--stack", "phase9"),
    };
    // Awaited by the tests; a rejection is theirs to report, not an unhandled one in between.
    for (const pending of [...runs.json, runs.summary]) pending.catch(() => undefined);
  });

  it("writes only the JSON document to standard output with --json, the same bytes from two processes", async () => {
    const [first, second] = await Promise.all(runs.json);
    const document = JSON.parse(first) as { stack: string; steps: unknown[] };
    expect(document.stack).toBe("phase4");
    expect(document.steps.length).toBeGreaterThan(10);
    expect(second).toBe(first);
  });

  it("prints a summary with resource counts and the phase's sizing", async () => {
    const summary = await runs.summary;
    expect(summary).toContain("Offline preview of stack phase4 (phase 4, Enterprise)");
    expect(summary).toMatch(/network\s+aws:ec2\/natGateway:NatGateway\s+9/);
    expect(summary).toContain("kubernetes, 8 vCPU / 16 GB / 500 GB, autoscaling 2-20 per region at CPU 70 %, memory 80 %, 1000 requests per target");
    expect(summary).toContain("recovery     multi-region-failover, copies in us-west-2, eu-central-1, traffic failover < 60 s");
    for (const component of ["database", "cache", "disaster-recovery"]) expect(summary).toMatch(new RegExp(`\\n  ${component}\\s+aws:`));
  });

  it("fails on an unknown stack with the list of stacks", async () => {
    const stderr = await runs.unknownStack;
    expect(stderr).toContain('Unknown stack "phase9"');
    expect(stderr).toContain("phase1, phase2, phase3, phase4");
  });
});

describe("withSecretsHidden", () => {
  it("shows secrets as [secret] at any depth, as pulumi preview --json does, and leaves the rest", () => {
    const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
    expect(withSecretsHidden({ authToken: secret("hunter2"), nested: [{ token: secret("x") }, 3], plain: "visible" })).toEqual({
      authToken: "[secret]",
      nested: [{ token: "[secret]" }, 3],
      plain: "visible",
    });
  });
});
