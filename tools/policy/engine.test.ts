import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { effectivePolicy, runResourcePolicy, runStackPolicy } from "./engine.js";

const encryptedStorage: ResourceValidationPolicy = {
  name: "aws-rds-instance-enable-storage-encryption",
  description: "RDS instances encrypt their storage.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { minimumRetentionDays: { type: "integer", default: 7 } } },
  validateResource: validateResourceOfType(aws.rds.Instance, (instance, args, reportViolation) => {
    if (instance.storageEncrypted !== true) reportViolation("storage is not encrypted");
    const { minimumRetentionDays } = args.getConfig<{ minimumRetentionDays: number }>();
    if ((instance.backupRetentionPeriod ?? 0) < minimumRetentionDays) reportViolation(`backups kept ${instance.backupRetentionPeriod ?? 0} days, under ${minimumRetentionDays}`);
  }),
};

const instance = (props: Record<string, unknown>) => ({ type: "aws:rds/instance:Instance", urn: "urn:pulumi:phase1::francaisfluide::aws:rds/instance:Instance::db", name: "db", props });

describe("the offline policy engine", () => {
  it("runs a typed rule on its type only, with its schema's defaults as config, reporting on the resource's URN", async () => {
    expect(await runResourcePolicy(encryptedStorage, instance({ storageEncrypted: true, backupRetentionPeriod: 7 }))).toEqual([]);
    expect(await runResourcePolicy(encryptedStorage, instance({ storageEncrypted: false, backupRetentionPeriod: 3 }))).toEqual([
      { policy: encryptedStorage.name, enforcementLevel: "mandatory", message: "storage is not encrypted", urn: instance({}).urn },
      { policy: encryptedStorage.name, enforcementLevel: "mandatory", message: "backups kept 3 days, under 7", urn: instance({}).urn },
    ]);
    expect(await runResourcePolicy(encryptedStorage, { ...instance({}), type: "aws:s3/bucket:Bucket" })).toEqual([]);
  });

  it("honours a pack config: overrides, enforcement levels, and disabled rules", async () => {
    const broken = instance({ storageEncrypted: true, backupRetentionPeriod: 10 });
    expect(await runResourcePolicy(encryptedStorage, broken, { [encryptedStorage.name]: { minimumRetentionDays: 14 } })).toHaveLength(1);
    expect((await runResourcePolicy(encryptedStorage, broken, { all: "advisory", [encryptedStorage.name]: { minimumRetentionDays: 14 } }))[0]?.enforcementLevel).toBe("advisory");
    expect(await runResourcePolicy(encryptedStorage, broken, { [encryptedStorage.name]: "disabled" })).toEqual([]);
    expect(effectivePolicy(encryptedStorage, {}).config).toEqual({ minimumRetentionDays: 7 });
  });

  it("gives stack rules every resource with its parent, and ends a rule quietly when it is not applicable", async () => {
    const parentOfAll: StackValidationPolicy = {
      name: "hygiene-stack-configure-parents",
      description: "every resource has a parent",
      enforcementLevel: "advisory",
      validateStack: (args, reportViolation) => {
        if (args.resources.length === 0) args.notApplicable("no resources");
        for (const resource of args.resources) if (resource.parent === undefined) reportViolation(`${resource.name} has no parent`, resource.urn);
      },
    };
    const resources = [
      { type: "francaisfluide:database:Database", urn: "urn:a", name: "database", props: {} },
      { type: "aws:rds/instance:Instance", urn: "urn:b", name: "db", props: {}, parent: "urn:a" },
    ];
    expect(await runStackPolicy(parentOfAll, resources)).toEqual([{ policy: parentOfAll.name, enforcementLevel: "advisory", message: "database has no parent", urn: "urn:a" }]);
    expect(await runStackPolicy(parentOfAll, [])).toEqual([]);
  });
});
