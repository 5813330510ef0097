import type { PhaseConfig } from "../../stacks/config/index.js";
import type { PreviewDocumentLike } from "../diff/model.js";
import { assumptionValue, type Catalog } from "./catalog.js";
import { applyAllowances, type ChargedLine } from "./allowances.js";
import type { BudgetVerdict, CostReport, UnpricedResource } from "./model.js";
import { priceResource, type Usage } from "./pricing.js";
import { formatQuantity } from "./quote.js";
import { resourcesOf } from "./resources.js";

/** Requests a month from the phase's target: the midpoint of its requests-per-minute range, every minute of the month. */
export function usageOf(config: PhaseConfig, catalog: Catalog): Usage {
  const hoursPerMonth = assumptionValue(catalog, "hours-per-month");
  const { min, max } = config.targets.requestsPerMinute;
  const perMinute = (min + max) / 2;
  const requestsPerMonth = perMinute * 60 * hoursPerMonth;
  return {
    hoursPerMonth,
    requestsPerMonth,
    requestsWhy: `${formatQuantity(requestsPerMonth)} requests a month (midpoint of ${formatQuantity(min)}-${formatQuantity(max)} requests/min × 60 × ${hoursPerMonth} h)`,
    cdnPlan: config.cdn.plan,
    frontendPlan: config.frontend.plan,
    monitoringStack: config.monitoring.stack,
    databaseStorageGb: config.database.storageGb,
  };
}

export function budgetVerdict(totalUsd: number, budget: { min: number; max: number }): BudgetVerdict {
  if (totalUsd < budget.min) return "under";
  return totalUsd <= budget.max ? "within" : "over";
}

/** The preview's monthly cost under the phase's targets: per resource, per component and in total, against its budget. */
export function estimateCost(document: PreviewDocumentLike, config: PhaseConfig, catalog: Catalog): CostReport {
  const usage = usageOf(config, catalog);
  const resources = resourcesOf(document);
  const charged: ChargedLine[] = [];
  const unpriced: UnpricedResource[] = [];
  let freeCount = 0;
  for (const resource of resources) {
    const pricing = priceResource(resource, { catalog, usage, resources });
    const { urn, type, component } = resource;
    if (pricing.kind === "free") freeCount += 1;
    else if (pricing.kind === "unpriced") unpriced.push({ urn, type, component, reason: pricing.reason });
    else charged.push({ urn, type, component, monthlyUsd: pricing.monthlyUsd, priceIds: pricing.priceIds, assumption: pricing.assumption, charges: pricing.charges });
  }
  const lines = applyAllowances(charged, catalog.allowances);
  const byComponent: Record<string, number> = {};
  for (const line of lines) byComponent[line.component] = (byComponent[line.component] ?? 0) + line.monthlyUsd;
  const totalMonthlyUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  const { min, max } = config.targets.monthlyBudgetUsd;
  return {
    stack: config.stack,
    currency: "USD",
    catalogDate: catalog.date,
    totalMonthlyUsd,
    byComponent,
    lines,
    unpriced,
    freeCount,
    budget: { minUsd: min, maxUsd: max, verdict: budgetVerdict(totalMonthlyUsd, { min, max }) },
    requestsPerMonth: usage.requestsPerMonth,
    assumptions: [
      `${usage.hoursPerMonth} hours a month`,
      usage.requestsWhy,
      "autoscaled services and node groups at their desired or minimum count",
      "not estimated: data transfer to the internet and between regions, NAT gateway data processing, Aurora I/O requests, DNS queries, API calls",
    ],
  };
}
