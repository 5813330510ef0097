import type * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../../tools/offline/synthesize.js";
import { mockPhysicalId, mockResourceState } from "../../tools/offline/mock-state.js";
import { DisasterRecovery, type DisasterRecoveryArgs, disasterRecoveryArgProblems, trafficFailoverSeconds } from "./index.js";

type Step = PreviewDocument["steps"][number];

/** Where each backed-up region's copies go: the next serving region in phase 3, the plan's backup regions in phase 4. */
const EXPECTED_COPIES: Record<string, Record<string, string[]>> = {
  phase1: {},
  phase2: {},
  phase3: { "us-east-1": ["eu-west-1"], "eu-west-1": ["ap-southeast-1"], "ap-southeast-1": ["us-east-1"] },
  phase4: { "us-east-1": ["us-west-2", "eu-central-1"] },
};

/** Recovery point / recovery time, in seconds, for a lost database and a lost region. */
const EXPECTED_OBJECTIVES: Record<string, { databaseLoss: [number, number]; regionLoss: [number, number] | null }> = {
  phase1: { databaseLoss: [300, 7200], regionLoss: null },
  phase2: { databaseLoss: [300, 7200], regionLoss: null },
  phase3: { databaseLoss: [300, 7200], regionLoss: [3600, 7200] },
  phase4: { databaseLoss: [300, 7200], regionLoss: [1, 45] },
};

describe.each(["phase1", "phase2", "phase3", "phase4"])("the disaster recovery of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
  });
  const ours = () => preview.steps.filter((step) => step.urn.includes("::francaisfluide:disaster-recovery:DisasterRecovery$"));
  const ofType = (type: string) => ours().filter((step) => step.newState.type === type);
  const regionOf = (step: Step) => /::aws-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1];
  const nameOf = (step: Step) => step.urn.split("::").at(-1) as string;
  const arnOf = (step: Step) => mockResourceState(step.newState.type, nameOf(step), step.newState.inputs, regionOf(step)).state.arn as string;
  const arnRegion = (arn: string) => arn.split(":")[3];
  const outputs = () => preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs?.disasterRecovery as {
    level: string;
    recoveryObjectives: { databaseLoss: { recoveryPointSeconds: number; recoveryTimeSeconds: number }; regionLoss: { recoveryPointSeconds: number; recoveryTimeSeconds: number } | null };
    backupVaultArns: Record<string, string>;
    failover: { regionalApiHostnames: Record<string, string>; apiOriginHostname: string; failoverSeconds: number } | null;
  };

  it("exists at every level and exports the recovery point and time that level achieves", () => {
    expect(preview.steps.filter((step) => step.newState.type === "francaisfluide:disaster-recovery:DisasterRecovery")).toHaveLength(1);
    const { level, recoveryObjectives } = outputs();
    expect(level).toBe(config.disasterRecovery.level);
    const expected = EXPECTED_OBJECTIVES[stack];
    const { databaseLoss, regionLoss } = recoveryObjectives;
    expect([databaseLoss.recoveryPointSeconds, databaseLoss.recoveryTimeSeconds]).toEqual(expected?.databaseLoss);
    expect(regionLoss && [regionLoss.recoveryPointSeconds, regionLoss.recoveryTimeSeconds]).toEqual(expected?.regionLoss);
  });

  it("keeps a vault, encrypted with our own key in its region, wherever recovery points or their copies land", () => {
    const expectedRegions = [...new Set(Object.entries(EXPECTED_COPIES[stack] ?? {}).flat(2))].sort();
    const vaults = ofType("aws:backup/vault:Vault");
    expect(vaults.map(regionOf).sort()).toEqual(expectedRegions);
    const keys = ofType("aws:kms/key:Key");
    expect(keys).toHaveLength(vaults.length);
    for (const key of keys) expect(key.newState.inputs.enableKeyRotation, key.urn).toBe(true);
    const keyArns = new Set(keys.map(arnOf));
    for (const vault of vaults) {
      const keyArn = vault.newState.inputs.kmsKeyArn as string;
      expect(keyArns.has(keyArn), `${vault.urn} is encrypted with a key of this stack`).toBe(true);
      expect(arnRegion(keyArn)).toBe(regionOf(vault));
      expect(vault.newState.inputs.forceDestroy).toBe(false);
    }
    expect(Object.keys(outputs().backupVaultArns).sort()).toEqual(expectedRegions);
  });

  it("backs up each writer region hourly and daily for the stack's retention, copying both into vaults of other regions", () => {
    const expectedCopies = EXPECTED_COPIES[stack] ?? {};
    const plans = ofType("aws:backup/plan:Plan");
    expect(plans.map(regionOf).sort()).toEqual(Object.keys(expectedCopies).sort());
    const vaultArns = new Map(ofType("aws:backup/vault:Vault").map((vault) => [arnOf(vault), regionOf(vault)]));
    for (const plan of plans) {
      const region = regionOf(plan) as string;
      const rules = plan.newState.inputs.rules as { ruleName: string; schedule: string; targetVaultName: string; lifecycle: { deleteAfter: number }; copyActions: { destinationVaultArn: string; lifecycle: { deleteAfter: number } }[] }[];
      expect(rules.map((rule) => [rule.ruleName, rule.schedule, rule.lifecycle.deleteAfter])).toEqual([
        ["hourly", "cron(0 * * * ? *)", 1],
        ["daily", "cron(30 3 * * ? *)", config.database.backupRetentionDays],
      ]);
      for (const rule of rules) {
        expect(rule.targetVaultName).toBe(`francaisfluide-${stack}-${region}`);
        expect(rule.copyActions.map((copy) => vaultArns.get(copy.destinationVaultArn))).toEqual(expectedCopies[region]);
        for (const copy of rule.copyActions) expect(copy.lifecycle.deleteAfter).toBe(rule.lifecycle.deleteAfter);
      }
    }
  });

  it("selects the stack's databases by tag, with a role holding only AWS's backup and restore policies", () => {
    const selections = ofType("aws:backup/selection:Selection");
    const plans = ofType("aws:backup/plan:Plan");
    expect(selections.map(regionOf).sort()).toEqual(plans.map(regionOf).sort());
    const roles = ofType("aws:iam/role:Role");
    expect(roles).toHaveLength(plans.length > 0 ? 1 : 0);
    for (const selection of selections) {
      const plan = plans.find((p) => regionOf(p) === regionOf(selection)) as Step;
      expect(selection.newState.inputs.planId).toBe(mockPhysicalId(plan.newState.type, nameOf(plan)));
      expect(selection.newState.inputs.iamRoleArn).toBe(arnOf(roles[0] as Step));
      expect(selection.newState.inputs.resources).toEqual([config.database.engine === "rds-postgres" ? "arn:aws:rds:*:*:db:*" : "arn:aws:rds:*:*:cluster:*"]);
      expect(selection.newState.inputs.conditions).toEqual([
        {
          stringEquals: [
            { key: "aws:ResourceTag/component", value: "database" },
            { key: "aws:ResourceTag/project", value: "francaisfluide" },
            { key: "aws:ResourceTag/phase", value: stack },
          ],
        },
      ]);
    }
    for (const role of roles) {
      expect(regionOf(role)).toBe(config.regions[0]?.name);
      expect(JSON.parse(role.newState.inputs.assumeRolePolicy as string).Statement).toEqual([
        { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
      expect(role.newState.inputs.inlinePolicies).toBeUndefined();
    }
    const attachments = ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachments.map((a) => a.newState.inputs.policyArn).sort()).toEqual(
      roles.length > 0 ? ["arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"] : [],
    );
  });

  it("health-checks every serving region and answers with the nearest healthy one, failing over within the target", () => {
    const checks = ofType("aws:route53/healthCheck:HealthCheck");
    const records = ofType("aws:route53/record:Record");
    // The origin zone belongs to the origin DNS (components/origin-dns.ts), in every phase.
    const zones = preview.steps.filter((step) => step.newState.type === "aws:route53/zone:Zone");
    const target = config.disasterRecovery.failoverTargetSeconds;
    if (target === undefined) {
      expect([checks, records].flat()).toEqual([]);
      expect(outputs().failover).toBeNull();
      return;
    }
    const domain = config.cdn.domainName;
    expect(zones.map((zone) => zone.newState.inputs.name)).toEqual([`origin.${domain}`]);
    for (const step of [...checks, ...records]) expect(regionOf(step), `${step.urn} is global, on the primary's provider`).toBe(config.regions[0]?.name);
    expect(checks.map((check) => check.newState.inputs.fqdn).sort()).toEqual(config.regions.map((region) => `api-${region.name}.origin.${domain}`).sort());
    for (const check of checks) {
      expect(check.newState.inputs).toMatchObject({ type: "HTTPS", port: 443, resourcePath: "/health/ready", enableSni: true });
      expect((check.newState.inputs.regions as string[]).length).toBeGreaterThanOrEqual(3);
    }
    const checkIdOf = new Map(checks.map((check) => [mockPhysicalId(check.newState.type, nameOf(check)), check.newState.inputs.fqdn]));
    const zoneId = mockPhysicalId(zones[0]?.newState.type as string, nameOf(zones[0] as Step));
    expect(records).toHaveLength(config.regions.length);
    for (const record of records) {
      const { inputs } = record.newState;
      expect(inputs).toMatchObject({ zoneId, name: `api.origin.${domain}`, type: "CNAME" });
      expect(inputs.latencyRoutingPolicies).toEqual([{ region: inputs.setIdentifier }]);
      expect(inputs.records).toEqual([checkIdOf.get(inputs.healthCheckId as string)]);
      expect(inputs.records).toEqual([`api-${String(inputs.setIdentifier)}.origin.${domain}`]);
    }

    const worstCase = Math.max(
      ...records.map((record) => {
        const check = checks.find((c) => mockPhysicalId(c.newState.type, nameOf(c)) === record.newState.inputs.healthCheckId) as Step;
        return trafficFailoverSeconds({
          requestIntervalSeconds: check.newState.inputs.requestInterval as number,
          failureThreshold: check.newState.inputs.failureThreshold as number,
          recordTtlSeconds: record.newState.inputs.ttl as number,
        });
      }),
    );
    expect(worstCase).toBeLessThan(target);
    expect(outputs().failover?.failoverSeconds).toBe(worstCase);
    expect(outputs().recoveryObjectives.regionLoss?.recoveryTimeSeconds).toBe(worstCase);
    expect(outputs().failover?.regionalApiHostnames).toEqual(Object.fromEntries(config.regions.map((r) => [r.name, `api-${r.name}.origin.${domain}`])));
  });
});

describe("DisasterRecovery args", () => {
  // Nothing is created before the args are checked, so placeholder providers are enough here.
  const provider = {} as aws.Provider;
  const tags = { project: "francaisfluide", phase: "phase4", "cost-center": "francaisfluide-platform" };
  const phase4: DisasterRecoveryArgs = {
    level: "multi-region-failover",
    regions: ["us-east-1", "eu-west-1", "ap-southeast-1"].map((region) => ({ region, provider })),
    backupRegions: ["us-west-2", "eu-central-1"].map((region) => ({ region, provider })),
    database: { engine: "aurora-global", writerRegions: ["us-east-1"], backupRetentionDays: 35 },
    failover: { domainName: "francaisfluide.fr", originZoneId: "Z0123456789ABCDEFGHIJ", targetSeconds: 60 },
    tags,
  };
  const withDefaults = (args: DisasterRecoveryArgs) => ({ restoreTimeSeconds: 7200, hourlyRetentionDays: 1, ...args });

  it("accepts the phase 4 shape", () => {
    expect(disasterRecoveryArgProblems(withDefaults(phase4))).toEqual([]);
  });

  it("throws before creating anything when the failover sum reaches the target, naming the fields", () => {
    const slow = { ...phase4, failover: { domainName: "francaisfluide.fr", originZoneId: "Z0123456789ABCDEFGHIJ", targetSeconds: 60, healthCheckIntervalSeconds: 30, recordTtlSeconds: 60 } };
    expect(() => new DisasterRecovery("disaster-recovery", slow)).toThrow(
      "failover.healthCheckIntervalSeconds (30) × failover.healthCheckFailureThreshold (3) + failover.recordTtlSeconds (60) = 150 s: must stay under failover.targetSeconds (60)",
    );
  });

  it("refuses copies with nowhere to go, failover without its args, and backups regions that also serve", () => {
    expect(
      disasterRecoveryArgProblems(
        withDefaults({ ...phase4, level: "cross-region-copies", regions: [{ region: "us-east-1", provider }], backupRegions: [], failover: undefined }),
      ),
    ).toEqual(["database.writerRegions: us-east-1 has nowhere to copy to with level cross-region-copies: give a second region in regions or one in backupRegions"]);
    expect(disasterRecoveryArgProblems(withDefaults({ ...phase4, failover: undefined }))).toEqual(["failover: is required with level multi-region-failover"]);
    expect(disasterRecoveryArgProblems(withDefaults({ ...phase4, backupRegions: [{ region: "eu-west-1", provider }] }))).toEqual(["backupRegions: eu-west-1 already serves traffic"]);
  });

  it("refuses what does nothing at a level that keeps backups in their region", () => {
    expect(disasterRecoveryArgProblems(withDefaults({ ...phase4, level: "point-in-time" }))).toEqual([
      "backupRegions: has no effect with level point-in-time, whose backups stay in their region",
      "failover: has no effect with level point-in-time",
    ]);
  });

  it("needs a primary region for the global resources", () => {
    expect(disasterRecoveryArgProblems(withDefaults({ ...phase4, level: "point-in-time", regions: [], backupRegions: [], failover: undefined, database: { ...phase4.database, writerRegions: [] } }))).toEqual([
      "regions: needs at least the primary region, whose provider holds the global resources",
    ]);
  });

  it("keeps hourly points no longer than the daily ones", () => {
    expect(disasterRecoveryArgProblems({ ...withDefaults(phase4), hourlyRetentionDays: 40 })).toEqual(["hourlyRetentionDays (40) exceeds database.backupRetentionDays (35)"]);
  });
});

describe.each(["phase3", "phase4"])("the backup selections of %s and the databases they protect", (stack) => {
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ preview } = await synthesizeStack(stack));
  });

  it("catch every database writer's cluster or instance by its tags and ARN pattern", () => {
    const selections = preview.steps.filter((step) => step.newState.type === "aws:backup/selection:Selection");
    expect(selections.length).toBeGreaterThan(0);
    const databases = preview.steps.filter((step) => ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"].includes(step.newState.type));
    expect(databases.length).toBeGreaterThan(0);
    type Condition = { key: string; value: string };
    const selects = (selection: (typeof selections)[number], database: (typeof databases)[number]) => {
      const { conditions, resources } = selection.newState.inputs as { conditions: { stringEquals: Condition[] }[]; resources: string[] };
      const tags = database.newState.inputs.tags as Record<string, string>;
      const kind = database.newState.type === "aws:rds/cluster:Cluster" ? "cluster" : "db";
      return (
        conditions.every(({ stringEquals }) => stringEquals.every(({ key, value }) => tags[key.replace("aws:ResourceTag/", "")] === value)) &&
        resources.some((pattern) => pattern.endsWith(`:${kind}:*`))
      );
    };
    // Secondary clusters of a global database hold storage-level replicas; the primary's backups cover them.
    const writers = databases.filter((database) => database.newState.inputs.globalClusterIdentifier === undefined || database.newState.inputs.masterUsername !== undefined);
    for (const database of writers) expect({ database: database.urn, selected: selections.some((selection) => selects(selection, database)) }).toEqual({ database: database.urn, selected: true });
  });
});
