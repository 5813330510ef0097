import { describe, expect, it } from "vitest";
import { listStacks, loadStackConfig } from "../../stacks/config/load.js";
import { synthesizeStack } from "../offline/synthesize.js";
import { loadCatalog } from "./catalog.js";
import { budgetVerdict, estimateCost, usageOf } from "./estimate.js";
import type { BudgetVerdict, CostReport } from "./model.js";

const catalog = loadCatalog();

async function estimate(stack: string): Promise<CostReport> {
  const { config, preview } = await synthesizeStack(stack);
  return estimateCost(preview, config, catalog);
}

/**
 * Where each phase's estimate lies against the seed's budget. Every phase is over: a design finding, not a figure to
 * loosen (see the report of issue 12). Phase 1 is over by a few dollars and phase 2 by about 9 %, through costs the
 * seed's budget leaves out (the ALB and its public IPv4 addresses, the app's request logs in CloudWatch); phase 3 runs
 * nine Fargate services of 2 tasks × 4 vCPU at the least (three per region), about its whole budget by themselves;
 * phase 4 nine c7i.8xlarge EKS nodes and three c2d-highcpu-32 GKE nodes at the least, most of its budget's maximum.
 */
const VERDICTS: Record<string, BudgetVerdict> = { phase1: "over", phase2: "over", phase3: "over", phase4: "over" };
const LARGEST_COMPONENT: Record<string, string> = { phase1: "backend", phase2: "backend", phase3: "backend", phase4: "backend" };

/** Types whose price dominates a bill: none of them may go unpriced. */
const BIG_COST_TYPES = /rds\/|elasticache\/replicationGroup|ecs\/service|eks\/|nodeGroup|container\/|opensearch|loadBalancer|natGateway|instance/i;

describe("the estimate of each phase", () => {
  it.each(listStacks())("%s: the verdict against its budget, its largest component, nothing unpriced", async (stack) => {
    const report = await estimate(stack);
    const { min, max } = loadStackConfig(stack).targets.monthlyBudgetUsd;
    expect(report.budget).toEqual({ minUsd: min, maxUsd: max, verdict: VERDICTS[stack] });
    const [largest] = Object.entries(report.byComponent).sort(([, a], [, b]) => b - a);
    expect(largest?.[0]).toBe(LARGEST_COMPONENT[stack]);
    expect(report.unpriced.filter((resource) => BIG_COST_TYPES.test(resource.type))).toEqual([]);
    expect(report.unpriced).toEqual([]);
    expect(report.catalogDate).toBe(catalog.date);
  });

  it.each(listStacks())("%s: the total is the sum of its components and of its lines, each line with its assumption", async (stack) => {
    const report = await estimate(stack);
    const components = Object.values(report.byComponent).reduce((sum, usd) => sum + usd, 0);
    expect(components).toBeCloseTo(report.totalMonthlyUsd, 6);
    expect(report.lines.reduce((sum, line) => sum + line.monthlyUsd, 0)).toBeCloseTo(report.totalMonthlyUsd, 6);
    for (const line of report.lines) {
      expect(line.assumption).not.toBe("");
      expect(line.priceIds.length).toBeGreaterThan(0);
    }
    expect(report.freeCount).toBeGreaterThan(50);
  });

  it("prices each resource in its own region: phase 3's NAT gateways differ by region", async () => {
    const report = await estimate("phase3");
    const nat = report.lines.filter((line) => line.type === "aws:ec2/natGateway:NatGateway");
    expect(nat.map((line) => line.priceIds[0]).sort()).toEqual([
      "nat-gateway-hour@ap-southeast-1",
      "nat-gateway-hour@ap-southeast-1",
      "nat-gateway-hour@eu-west-1",
      "nat-gateway-hour@eu-west-1",
      "nat-gateway-hour@us-east-1",
      "nat-gateway-hour@us-east-1",
    ]);
  });

  it("phase 1's database line can be checked by hand: db.t4g.micro × 730 h + 20 GB, from the shipped catalog", async () => {
    const report = await estimate("phase1");
    const database = report.lines.find((line) => line.type === "aws:rds/instance:Instance");
    const hourly = catalog.prices.find((price) => price.id === "rds-postgres/db.t4g.micro" && price.region === "us-east-1")?.usd ?? Number.NaN;
    const storage = catalog.prices.find((price) => price.id === "rds-storage/gp3" && price.region === "us-east-1")?.usd ?? Number.NaN;
    expect(database?.monthlyUsd).toBeCloseTo(730 * hourly + 20 * storage, 6);
  });
});

describe("usageOf and budgetVerdict", () => {
  it("takes requests a month from the midpoint of the phase's requests-per-minute target", () => {
    const usage = usageOf(loadStackConfig("phase3"), catalog);
    expect(usage.requestsPerMonth).toBe(75_000 * 60 * 730);
    expect(usage.requestsWhy).toBe("3,285,000,000 requests a month (midpoint of 50,000-100,000 requests/min × 60 × 730 h)");
  });

  it.each([
    [49.99, "under"],
    [50, "within"],
    [100, "within"],
    [100.01, "over"],
  ] as const)("$%d against $50-100 is %s", (total, verdict) => {
    expect(budgetVerdict(total, { min: 50, max: 100 })).toBe(verdict);
  });
});
