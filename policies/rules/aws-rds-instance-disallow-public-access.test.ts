import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { rdsClusterInstance, rdsInstance } from "../testing/security-fixtures.js";
import { awsRdsInstanceDisallowPublicAccess as rule } from "./aws-rds-instance-disallow-public-access.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes private instances, fails public ones", async () => {
    expect(await messages(rule, rdsInstance())).toEqual([]);
    expect(await messages(rule, rdsClusterInstance())).toEqual([]);
    expect(await messages(rule, rdsInstance({ publiclyAccessible: true }))).toEqual(["RDS instance is publicly accessible: set publiclyAccessible to false."]);
    expect(await messages(rule, rdsClusterInstance({ publiclyAccessible: true }))).toEqual(["Aurora cluster instance is publicly accessible: set publiclyAccessible to false."]);
  });
});
