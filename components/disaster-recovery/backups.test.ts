import { describe, expect, it } from "vitest";
import { copyDestinations, databaseArnPattern, databaseSelectionConditions, planBackupRules } from "./backups.js";

describe("copyDestinations", () => {
  const regions = ["us-east-1", "eu-west-1", "ap-southeast-1"];
  it("copies each region into the next one, the last into the first", () => {
    expect(regions.map((region) => copyDestinations(region, regions, []))).toEqual([["eu-west-1"], ["ap-southeast-1"], ["us-east-1"]]);
  });

  it("copies into the backup regions when the stack names any", () => {
    expect(copyDestinations("us-east-1", regions, ["us-west-2", "eu-central-1"])).toEqual(["us-west-2", "eu-central-1"]);
  });

  it("has nowhere to copy a lone region without backup regions", () => {
    expect(copyDestinations("us-east-1", ["us-east-1"], [])).toEqual([]);
  });
});

describe("planBackupRules", () => {
  it("backs up hourly for the hourly retention and daily for the stack's retention, at different minutes", () => {
    const rules = planBackupRules(14, 1);
    expect(rules.map((rule) => [rule.ruleName, rule.schedule, rule.intervalSeconds, rule.retentionDays])).toEqual([
      ["hourly", "cron(0 * * * ? *)", 3600, 1],
      ["daily", "cron(30 3 * * ? *)", 86400, 14],
    ]);
    for (const rule of rules) expect(rule.completionWindowMinutes).toBeGreaterThan(rule.startWindowMinutes);
  });
});

describe("the database selection", () => {
  it("selects RDS instances, and Aurora by cluster", () => {
    expect(databaseArnPattern("rds-postgres")).toBe("arn:aws:rds:*:*:db:*");
    expect(databaseArnPattern("aurora-postgres")).toBe("arn:aws:rds:*:*:cluster:*");
    expect(databaseArnPattern("aurora-global")).toBe("arn:aws:rds:*:*:cluster:*");
  });

  it("requires every tag at once: the database component, this project and this phase", () => {
    expect(databaseSelectionConditions({ project: "francaisfluide", phase: "phase3", "cost-center": "x" })).toEqual([
      {
        stringEquals: [
          { key: "aws:ResourceTag/component", value: "database" },
          { key: "aws:ResourceTag/project", value: "francaisfluide" },
          { key: "aws:ResourceTag/phase", value: "phase3" },
        ],
      },
    ]);
  });
});
