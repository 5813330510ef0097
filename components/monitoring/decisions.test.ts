import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { cacheNodeIds } from "../cache.js";
import { alertKeyPolicy, chatbotNotificationPolicy, costTopicPolicy } from "./alerting.js";
import { ALARM_DEFAULTS, cacheAlarms, databaseAlarms, loadBalancerAlarms, regionalShares } from "./alarms.js";
import { planBudgets, SEED_COST_ALERTS } from "./budgets.js";
import { dashboardBody, type ResolvedAlarm } from "./dashboard.js";
import { Monitoring } from "./index.js";

const signals = { phaseLabel: "phase 1", responseTimeTargetMs: 2000, nextPhase: { label: "phase 2", requestsPerMinute: 800, responseTimeMs: 1500, errorRatePercent: 0.5 } };

describe("regionalShares", () => {
  it("splits a phase-wide figure by traffic share so that the parts add up to it", () => {
    expect(regionalShares(80000, [34, 33, 33])).toEqual([27200, 26400, 26400]);
    expect(regionalShares(800, [100])).toEqual([800]);
    const odd = regionalShares(1000, [40, 30, 30, 1]);
    expect(odd.reduce((a, b) => a + b, 0)).toBe(1000);
  });
});

describe("loadBalancerAlarms", () => {
  const target = { region: "us-east-1", trafficPercent: 100, loadBalancerArnSuffix: "app/lb/0123", targetGroupArnSuffixes: { grammar: "targetgroup/tg/4567" } };
  it("turns the next phase's trigger into response time, error rate and request alarms, and watches each target group", () => {
    const alarms = loadBalancerAlarms(signals, [target]);
    expect(alarms.map((a) => [a.signal, a.threshold])).toEqual([
      ["response-time-p95", 1.5],
      ["unhealthy-targets", 1],
      ["error-rate", 0.5],
      ["requests-per-minute", 800],
    ]);
    expect(alarms.find((a) => a.signal === "requests-per-minute")?.description).toMatch(/^phase 1 trigger reached: plan the migration to phase 2, see README\./);
  });
  it("keeps only the phase's own response-time target and the target groups in the last phase", () => {
    const alarms = loadBalancerAlarms({ phaseLabel: "phase 4", responseTimeTargetMs: 500 }, [target]);
    expect(alarms.map((a) => [a.signal, a.threshold])).toEqual([["response-time-p95", 0.5], ["unhealthy-targets", 1]]);
  });
});

describe("databaseAlarms", () => {
  it("watches an Aurora cluster by role, its readers' lag, and a global secondary's replication lag", () => {
    const id = pulumi.output("c");
    const primary = databaseAlarms([{ kind: "aurora-cluster", region: "us-east-1", shardId: "s", clusterIdentifier: id, roles: ["WRITER", "READER"], globalSecondary: false }], 100, ALARM_DEFAULTS);
    expect(primary.map((a) => a.signal)).toEqual(["database-cpu", "database-connections", "database-cpu", "database-connections", "replica-lag"]);
    expect(primary.find((a) => a.signal === "database-connections")?.threshold).toBe(80);
    const secondary = databaseAlarms([{ kind: "aurora-cluster", region: "eu-west-1", shardId: "s", clusterIdentifier: id, roles: ["READER"], globalSecondary: true }], 100, ALARM_DEFAULTS);
    expect(secondary.map((a) => a.signal)).toEqual(["database-cpu", "database-connections", "global-replication-lag"]);
  });
});

describe("cacheNodeIds", () => {
  it("names nodes as ElastiCache does, with and without cluster mode", () => {
    expect(cacheNodeIds("rg", { mode: "single", numCacheClusters: 2 }, 1)).toEqual(["rg-001", "rg-002"]);
    expect(cacheNodeIds("rg", { mode: "cluster", replicasPerNodeGroup: 1 }, 2)).toEqual(["rg-0001-001", "rg-0001-002", "rg-0002-001", "rg-0002-002"]);
  });
});

describe("cacheAlarms", () => {
  it("refuses more nodes than one alarm's metric math may read, saying what to do", () => {
    expect(() => cacheAlarms([{ region: "us-east-1", nodeIds: [], nodeCount: 11 }], ALARM_DEFAULTS)).toThrow(/at most 10 metrics in an alarm; us-east-1 has 11 nodes: split the alarm by shard/);
  });
});

describe("planBudgets", () => {
  it("keeps the seed's alerts on their channels, and falls back from Slack to e-mail without a channel", () => {
    const plans = planBudgets({ min: 50, max: 100 }, false);
    expect(plans.map((p) => [p.key, p.timeUnit, p.limitUsd, p.channels])).toEqual([
      ["daily", "DAILY", SEED_COST_ALERTS.daily.usd, ["email"]],
      ["monthly", "MONTHLY", SEED_COST_ALERTS.monthly.usd, ["email"]],
      ["annual", "ANNUALLY", SEED_COST_ALERTS.annual.usd, ["sms"]],
      ["phase-monthly", "MONTHLY", 100, ["email"]],
    ]);
    expect(planBudgets({ min: 50, max: 100 }, true).find((p) => p.key === "monthly")?.channels).toEqual(["slack"]);
    expect(plans.some((p) => p.conflict !== undefined)).toBe(false);
  });
  it("says when the phase's own spending makes the seed's alerts fire as a matter of course", () => {
    const plans = planBudgets({ min: 1000, max: 3000 }, true);
    expect(plans.find((p) => p.key === "monthly")?.conflict).toContain("fires every month");
    expect(plans.find((p) => p.key === "annual")?.conflict).toContain("$12000 a year");
  });
});

describe("policies", () => {
  it("lets only the publishing services use the alert key, for this account", () => {
    const services = (budgets: boolean) => alertKeyPolicy({ accountId: "111122223333", budgets }).Statement.flatMap((s) => (s.Principal?.Service ? [s.Principal.Service] : []));
    expect(services(false)).toEqual(["cloudwatch.amazonaws.com"]);
    expect(services(true)).toEqual(["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]);
    const budgets = costTopicPolicy({ accountId: "111122223333", topicArn: "arn:aws:sns:us-east-1:111122223333:t" }).Statement[1];
    expect(budgets?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111122223333" }, ArnLike: { "aws:SourceArn": "arn:aws:budgets::111122223333:*" } });
    const policy = chatbotNotificationPolicy("123456789012");
    expect(policy.Statement.flatMap((s) => s.Action).some((a) => a.includes("*"))).toBe(false);
    expect(policy.Statement.find((s) => s.Action.includes("cloudwatch:DescribeAlarms"))?.Resource).toBe("arn:aws:cloudwatch:*:123456789012:alarm:*");
  });
});

describe("dashboardBody", () => {
  it("draws each alarm's metric or metric math in its region, with its threshold", () => {
    const alarm: ResolvedAlarm = {
      key: "k", region: "eu-west-1", signal: "cache-memory", title: "t", description: "d", threshold: 80, comparison: "GreaterThanThreshold", evaluationPeriods: 3,
      query: { kind: "math", expression: "MAX(METRICS())", label: "l", metrics: [{ namespace: "AWS/ElastiCache", metricName: "DatabaseMemoryUsagePercentage", dimensions: { CacheClusterId: "rg-001" }, stat: "Maximum", period: 300 }] },
    };
    const [, widget] = (JSON.parse(dashboardBody("title", [alarm])) as { widgets: { properties: Record<string, unknown> }[] }).widgets;
    expect(widget?.properties).toMatchObject({
      region: "eu-west-1",
      metrics: [[{ expression: "MAX(METRICS())", label: "l", id: "e0" }], ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", "rg-001", { stat: "Maximum", period: 300, id: "m0", visible: false }]],
      annotations: { horizontal: [{ label: "alarm", value: 80 }] },
    });
  });
});

describe("Monitoring args", () => {
  it("refuses contradictions before creating anything, naming the fields", () => {
    const provider = {} as never;
    expect(
      () =>
        new Monitoring("m", {
          regions: [{ region: "us-east-1", provider, trafficPercent: 100 }],
          billing: { region: "us-east-1", provider },
          alerts: { emails: [], smsNumber: "+33600000000" },
          signals,
          monthlyBudgetUsd: { min: 1, max: 2 },
          database: { targets: [], maxConnections: 10 },
          caches: [],
          tags: { project: "p", phase: "x", "cost-center": "c" },
        }),
    ).toThrow(/alerts\.emails: expected at least one address[\s\S]*loadBalancers or latencyChecks/);
  });
});
