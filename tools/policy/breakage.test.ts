import { describe, expect, it } from "vitest";
import { allRules } from "../../policies/rules/index.js";
import { synthesizeStack, type PreviewDocument } from "../offline/synthesize.js";
import { withDatabaseOpenToWorld, withPublicCache, withRootContainer, withUnencryptedDatabase, withWildcardIamAction } from "./breakage.js";
import type { PolicyReport } from "./report.js";
import { runPolicyCommand } from "./run.js";

// Issue 11's test: a phase's preview, broken one thing at a time, fails the runner with the rule that names it.
// It runs the pack's own rules (allRules), so it passes once the security rules are merged.

async function runOn(stack: string, document: PreviewDocument) {
  const out: string[] = [];
  const code = await runPolicyCommand(["--stack", stack, "--json"], { rules: allRules, synthesize: async () => ({ preview: document }) }, { stdout: (text) => out.push(text), stderr: () => {} });
  return { code, report: JSON.parse(out.join("\n")) as PolicyReport };
}

describe.each([
  ["phase1", "an unencrypted RDS instance", withUnencryptedDatabase, "aws-rds-instance-enable-storage-encryption"],
  ["phase4", "an unencrypted Aurora cluster", withUnencryptedDatabase, "aws-rds-cluster-enable-storage-encryption"],
  ["phase4", "a security group open to the world on 5432", withDatabaseOpenToWorld, "aws-ec2-securitygroup-disallow-public-ingress"],
  ["phase4", "a public cache (its group open to the world on 6379)", withPublicCache, "aws-ec2-securitygroup-disallow-public-ingress"],
  ["phase4", "an IAM policy with a * action", withWildcardIamAction, "aws-iam-policy-disallow-wildcard-actions"],
  ["phase4", "a container running as root", withRootContainer, "kubernetes-apps-deployment-disallow-root-containers"],
] as const)("%s with %s", (stack, _what, breakIt, rule) => {
  it(`fails the runner with ${rule}`, async () => {
    const { preview } = await synthesizeStack(stack);
    const before = await runOn(stack, preview);
    expect(before.report.violations.filter((violation) => violation.policy === rule)).toEqual([]);

    const broken = breakIt(preview);
    const after = await runOn(stack, broken);
    expect(after.code).toBe(1);
    expect(after.report.violations).toContainEqual(expect.objectContaining({ policy: rule, enforcementLevel: "mandatory" }));
  });
});

describe("the breaking helpers", () => {
  it("leave their input untouched and change one resource (or add one ingress rule)", async () => {
    const { preview } = await synthesizeStack("phase4");
    const text = JSON.stringify(preview);
    for (const breakIt of [withUnencryptedDatabase, withDatabaseOpenToWorld, withPublicCache, withWildcardIamAction, withRootContainer]) {
      const broken = breakIt(preview);
      expect(JSON.stringify(preview)).toBe(text);
      const changed = broken.steps.filter((step) => !preview.steps.some((original) => JSON.stringify(original) === JSON.stringify(step)));
      expect(changed).toHaveLength(1);
    }
  });

  it("say when a phase has nothing to break", async () => {
    const { preview } = await synthesizeStack("phase1");
    expect(() => withRootContainer(preview)).toThrow("The phase1 preview has no Kubernetes Deployment to break.");
  });
});
