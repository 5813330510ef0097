import type { ComponentCostDelta, CostDelta, CostReport } from "./model.js";

/** Below a cent a month, a component's cost did not change (float sums of the same lines in another order). */
const CENT = 0.005;

export function costDelta(before: CostReport, after: CostReport): CostDelta {
  const components: ComponentCostDelta[] = [...new Set([...Object.keys(before.byComponent), ...Object.keys(after.byComponent)])]
    .map((component) => {
      const beforeUsd = before.byComponent[component] ?? 0;
      const afterUsd = after.byComponent[component] ?? 0;
      return { component, beforeUsd, afterUsd, deltaUsd: afterUsd - beforeUsd };
    })
    .filter((change) => Math.abs(change.deltaUsd) >= CENT)
    .sort((a, b) => Math.abs(b.deltaUsd) - Math.abs(a.deltaUsd) || a.component.localeCompare(b.component));
  return {
    before: { stack: before.stack, totalMonthlyUsd: before.totalMonthlyUsd, verdict: before.budget.verdict },
    after: { stack: after.stack, totalMonthlyUsd: after.totalMonthlyUsd, verdict: after.budget.verdict },
    deltaMonthlyUsd: after.totalMonthlyUsd - before.totalMonthlyUsd,
    components,
    catalogDate: after.catalogDate,
  };
}
