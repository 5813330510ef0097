import type { CostDelta } from "../cost/model.js";
import { renderCostDeltaMarkdown, renderCostDeltaText } from "../cost/render.js";
import { isEmpty, type DocumentDiff, type PropertyChange } from "./compare.js";
import { SECRET } from "./model.js";

const MAX_VALUE = 80;

/** A value as one line: JSON, cut at 80 characters. A secret change shows `[secret]` on both sides, never the other value. */
export function showValue(change: PropertyChange, side: "before" | "after"): string {
  if (!(side in change)) return "(none)";
  if (change.secret) return SECRET;
  const text = JSON.stringify(change[side]) ?? "undefined";
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function describe(change: PropertyChange): string {
  if (change.secret) return `${change.path}: secret changed`;
  if (change.kind === "added") return `${change.path}: added ${showValue(change, "after")}`;
  if (change.kind === "removed") return `${change.path}: removed (was ${showValue(change, "before")})`;
  return `${change.path}: ${showValue(change, "before")} → ${showValue(change, "after")}`;
}

export function label(diff: DocumentDiff): string {
  return diff.before === diff.after ? diff.after : `${diff.before} → ${diff.after}`;
}

/** "phase3: 12 to add, 3 to change (1 replacement), 0 to delete, 1 rename", or "phase3: no changes". */
export function summaryLine(diff: DocumentDiff): string {
  if (isEmpty(diff)) return `${label(diff)}: no changes`;
  const { add, change, replace, delete: remove, rename } = diff.summary;
  const replacements = replace > 0 ? ` (${replace} replacement${replace === 1 ? "" : "s"})` : "";
  return `${label(diff)}: ${add} to add, ${change} to change${replacements}, ${remove} to delete, ${rename} rename${rename === 1 ? "" : "s"}`;
}

export function renderText(diff: DocumentDiff, cost?: CostDelta): string {
  const lines = [summaryLine(diff)];
  if (cost) lines.push(renderCostDeltaText(cost));
  for (const r of diff.added) lines.push(`+ ${r.type} ${r.name}`);
  for (const r of diff.removed) lines.push(`- ${r.type} ${r.name}`);
  for (const r of diff.renamed) lines.push(`> ${r.type} ${r.from} → ${r.to} (rename)`);
  for (const r of diff.changed) {
    lines.push(`${r.replace ? "+-" : "~ "} ${r.type} ${r.name}${r.replace ? " (replace)" : ""}`);
    for (const change of r.changes) lines.push(`    ${describe(change)}${change.replaces ? " [forces replacement]" : ""}`);
  }
  return lines.join("\n");
}

export function renderJson(diff: DocumentDiff, cost?: CostDelta): string {
  return JSON.stringify(cost ? { ...diff, cost } : diff, null, 2);
}

function cell(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\n/g, " ")}\``;
}

/** A pull-request comment: the summary line, then one collapsible block per resource type. */
export function renderMarkdown(diff: DocumentDiff, cost?: CostDelta): string {
  const lines = [`**${summaryLine(diff)}**`];
  if (cost) lines.push("", renderCostDeltaMarkdown(cost));
  const types = [...new Set([...diff.added, ...diff.removed, ...diff.renamed, ...diff.changed].map((r) => r.type))].sort();
  for (const type of types) {
    const added = diff.added.filter((r) => r.type === type);
    const removed = diff.removed.filter((r) => r.type === type);
    const renamed = diff.renamed.filter((r) => r.type === type);
    const changed = diff.changed.filter((r) => r.type === type);
    const counts = [
      added.length && `${added.length} to add`,
      changed.length && `${changed.length} to change`,
      removed.length && `${removed.length} to delete`,
      renamed.length && `${renamed.length} rename${renamed.length === 1 ? "" : "s"}`,
    ].filter(Boolean);
    lines.push("", `<details><summary><code>${type}</code>: ${counts.join(", ")}</summary>`, "");
    for (const r of added) lines.push(`- ➕ \`${r.name}\``);
    for (const r of removed) lines.push(`- ➖ \`${r.name}\``);
    for (const r of renamed) lines.push(`- ✏️ \`${r.from}\` → \`${r.to}\` (rename)`);
    if (changed.length > 0) {
      if (added.length + removed.length + renamed.length > 0) lines.push("");
      lines.push("| resource | property | old | new | replace? |", "| --- | --- | --- | --- | --- |");
      for (const r of changed) {
        for (const c of r.changes) {
          const [before, after] = c.secret ? ["secret changed", "secret changed"] : [showValue(c, "before"), showValue(c, "after")];
          lines.push(`| ${cell(r.name)} | ${cell(c.path)} | ${c.secret ? before : cell(before)} | ${c.secret ? after : cell(after)} | ${c.replaces ? "**yes**" : "no"} |`);
        }
      }
    }
    lines.push("", "</details>");
  }
  return lines.join("\n");
}
