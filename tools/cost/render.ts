import type { CostDelta, CostReport } from "./model.js";
import { formatUsd } from "./quote.js";

const VERDICT_WORDS = { under: "UNDER the budget", within: "WITHIN the budget", over: "OVER the budget" } as const;

function signed(usd: number): string {
  return `${usd < 0 ? "-" : "+"}${formatUsd(Math.abs(usd))}`;
}

function componentsByCost(report: CostReport): [string, number][] {
  return Object.entries(report.byComponent).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/** Unpriced resources grouped by type: "aws:foo:Bar ×2: reason". */
export function unpricedByType(report: CostReport): { type: string; count: number; reasons: string[] }[] {
  const groups = new Map<string, { type: string; count: number; reasons: string[] }>();
  for (const resource of report.unpriced) {
    const group = groups.get(resource.type) ?? { type: resource.type, count: 0, reasons: [] };
    group.count += 1;
    if (!group.reasons.includes(resource.reason)) group.reasons.push(resource.reason);
    groups.set(resource.type, group);
  }
  return [...groups.values()].sort((a, b) => a.type.localeCompare(b.type));
}

export function verdictLine(report: CostReport): string {
  const { minUsd, maxUsd, verdict } = report.budget;
  const gap = verdict === "over" ? ` by ${formatUsd(report.totalMonthlyUsd - maxUsd)}` : "";
  return `${formatUsd(report.totalMonthlyUsd)} a month: ${VERDICT_WORDS[verdict]} of ${formatUsd(minUsd)}-${formatUsd(maxUsd)}${gap}`;
}

function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

export function renderCostText(report: CostReport): string {
  const lines = [`Monthly cost estimate of ${report.stack}: on-demand list prices of the catalog of ${report.catalogDate}, in USD. An estimate, not a quote.`];
  if (report.assumptions) lines.push(`Assumptions: ${report.assumptions.join("; ")}.`);
  for (const [component, usd] of componentsByCost(report)) {
    lines.push("", `${component}: ${formatUsd(usd)}`);
    const own = report.lines.filter((line) => line.component === component).sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.urn.localeCompare(b.urn));
    for (const line of own) lines.push(`  ${formatUsd(line.monthlyUsd).padStart(11)}  ${line.type} ${nameOf(line.urn)}`, `               ${line.assumption}`);
  }
  lines.push("", "By component:");
  for (const [component, usd] of componentsByCost(report)) lines.push(`  ${formatUsd(usd).padStart(11)}  ${component}`);
  lines.push("", `Total ${verdictLine(report)} (catalog of ${report.catalogDate}).`);
  const unpriced = unpricedByType(report);
  if (unpriced.length === 0) lines.push("Unpriced: none.");
  else {
    lines.push(`Unpriced, NOT counted in the total (${report.unpriced.length} resource${report.unpriced.length === 1 ? "" : "s"}):`);
    for (const group of unpriced) lines.push(`  ${group.type} ×${group.count}: ${group.reasons.join("; ")}`);
  }
  lines.push(`Free by design (zero-priced in the catalog): ${report.freeCount} resources.`);
  return lines.join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderCostMarkdown(report: CostReport): string {
  const lines = [`**${report.stack}: ${verdictLine(report)}** (estimate, on-demand list prices of ${report.catalogDate})`, ""];
  if (report.assumptions) lines.push(`Assumptions: ${report.assumptions.join("; ")}.`, "");
  lines.push("| component | monthly |", "| --- | ---: |");
  for (const [component, usd] of componentsByCost(report)) lines.push(`| ${cell(component)} | ${formatUsd(usd)} |`);
  lines.push(`| **total** | **${formatUsd(report.totalMonthlyUsd)}** |`);
  const unpriced = unpricedByType(report);
  lines.push("", unpriced.length === 0 ? "Unpriced: none." : `**Unpriced, not counted** (${report.unpriced.length}):`);
  for (const group of unpriced) lines.push(`- \`${group.type}\` ×${group.count}: ${cell(group.reasons.join("; "))}`);
  lines.push("", "<details><summary>Per resource</summary>", "", "| resource | component | monthly | how |", "| --- | --- | ---: | --- |");
  for (const line of [...report.lines].sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.urn.localeCompare(b.urn))) {
    lines.push(`| \`${cell(nameOf(line.urn))}\` | ${cell(line.component)} | ${formatUsd(line.monthlyUsd)} | ${cell(line.assumption)} |`);
  }
  lines.push("", "</details>");
  return lines.join("\n");
}

export function renderCostJson(report: CostReport): string {
  return JSON.stringify(report, null, 2);
}

/** The diff's cost section: totals on both sides, the change, and each component whose cost changed. */
export function renderCostDeltaText(delta: CostDelta): string {
  const lines = [
    `Monthly cost (estimate, catalog of ${delta.catalogDate}): ${delta.before.stack} ${formatUsd(delta.before.totalMonthlyUsd)} (${delta.before.verdict} budget) → ${delta.after.stack} ${formatUsd(delta.after.totalMonthlyUsd)} (${delta.after.verdict} budget), ${signed(delta.deltaMonthlyUsd)} a month`,
  ];
  for (const change of delta.components) lines.push(`  ${signed(change.deltaUsd).padStart(12)}  ${change.component} (${formatUsd(change.beforeUsd)} → ${formatUsd(change.afterUsd)})`);
  return lines.join("\n");
}

export function renderCostDeltaMarkdown(delta: CostDelta): string {
  const lines = [
    `**Monthly cost: ${formatUsd(delta.before.totalMonthlyUsd)} → ${formatUsd(delta.after.totalMonthlyUsd)} (${signed(delta.deltaMonthlyUsd)})**, estimate from on-demand list prices of ${delta.catalogDate}; budget verdict ${delta.before.verdict} → ${delta.after.verdict}`,
  ];
  if (delta.components.length > 0) {
    lines.push("", "| component | before | after | change |", "| --- | ---: | ---: | ---: |");
    for (const change of delta.components) lines.push(`| ${cell(change.component)} | ${formatUsd(change.beforeUsd)} | ${formatUsd(change.afterUsd)} | ${signed(change.deltaUsd)} |`);
  }
  return lines.join("\n");
}
