import type { Violation } from "./engine.js";

/** What `--json` prints: the stack, the verdict, the counts and every violation, mandatory first. */
export interface PolicyReport {
  stack: string;
  passed: boolean;
  summary: { mandatory: number; advisory: number; rules: number; resources: number };
  violations: Violation[];
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 0, advisory: 1 };

function isMandatory(violation: Violation): boolean {
  return violation.enforcementLevel === "mandatory" || violation.enforcementLevel === "remediate";
}

/** Mandatory violations first, then advisories; within a level, by rule then URN (a stable order to read and diff). */
export function sortViolations(violations: readonly Violation[]): Violation[] {
  return [...violations].sort(
    (a, b) =>
      (LEVEL_ORDER[a.enforcementLevel] ?? 2) - (LEVEL_ORDER[b.enforcementLevel] ?? 2) ||
      a.policy.localeCompare(b.policy) ||
      (a.urn ?? "").localeCompare(b.urn ?? "") ||
      a.message.localeCompare(b.message),
  );
}

export function buildReport(stack: string, violations: readonly Violation[], rules: number, resources: number): PolicyReport {
  const sorted = sortViolations(violations);
  const mandatory = sorted.filter(isMandatory).length;
  return { stack, passed: mandatory === 0, summary: { mandatory, advisory: sorted.length - mandatory, rules, resources }, violations: sorted };
}

/** 1 when a mandatory rule is violated, 0 otherwise (advisories only, or nothing). */
export function exitCodeOf(report: PolicyReport): 0 | 1 {
  return report.passed ? 0 : 1;
}

/** One line per violation, `[level] rule urn: message`, grouped mandatory first, then a summary line. */
export function formatReport(report: PolicyReport): string {
  const lines: string[] = [];
  for (const level of ["mandatory", "advisory"] as const) {
    const group = report.violations.filter((violation) => (level === "mandatory") === isMandatory(violation));
    if (group.length === 0) continue;
    lines.push(`${level === "mandatory" ? "Mandatory" : "Advisory"} violations (${group.length}):`);
    for (const violation of group) lines.push(`  [${violation.enforcementLevel}] ${violation.policy} ${violation.urn ?? "(stack)"}: ${violation.message}`);
  }
  const { mandatory, advisory, rules, resources } = report.summary;
  lines.push(
    `${report.passed ? "PASSED" : "FAILED"}: stack ${report.stack}, ${rules} rule${rules === 1 ? "" : "s"} on ${resources} resource${resources === 1 ? "" : "s"}: ${mandatory} mandatory, ${advisory} advisory violation${advisory === 1 ? "" : "s"}.`,
  );
  return lines.join("\n");
}
