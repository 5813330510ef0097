/** The evaluation's report: per category, the engine alone and the engine with the learner rules, side by side. */
import type { CaseOutcome, Rates } from "./scores.js";
import { addOutcome, emptyRates, ratio } from "./scores.js";
import type { EvaluationCase } from "./cases.js";

export interface CategoryReport {
  category: string;
  engine: Rates;
  withRules: Rates;
}

export interface EvaluationReport {
  level: string;
  categories: CategoryReport[];
  overall: CategoryReport;
}

export interface CaseResult {
  testCase: EvaluationCase;
  engine: CaseOutcome;
  withRules: CaseOutcome;
}

export function buildReport(level: string, results: readonly CaseResult[]): EvaluationReport {
  const byCategory = new Map<string, CategoryReport>();
  const overall: CategoryReport = { category: "overall", engine: emptyRates(), withRules: emptyRates() };
  for (const result of results) {
    const category = result.testCase.category;
    let report = byCategory.get(category);
    if (!report) {
      report = { category, engine: emptyRates(), withRules: emptyRates() };
      byCategory.set(category, report);
    }
    for (const target of [report, overall]) {
      addOutcome(target.engine, result.testCase, result.engine);
      addOutcome(target.withRules, result.testCase, result.withRules);
    }
  }
  return { level, categories: [...byCategory.values()], overall };
}

function percent(count: number, total: number): string {
  const value = ratio(count, total);
  return value === null ? "–" : `${(value * 100).toFixed(1)} %`;
}

function pair(engine: string, withRules: string): string {
  return `${engine.padStart(7)} → ${withRules.padStart(7)}`;
}

export function formatReport(report: EvaluationReport): string {
  const width = Math.max(8, ...report.categories.map((category) => category.category.length));
  const header = [
    "category".padEnd(width),
    "wrong".padStart(5),
    "right".padStart(5),
    "detection (engine → +rules)".padEnd(21),
    "correction (engine → +rules)".padEnd(21),
    "false alarms (engine → +rules)",
  ].join("  ");
  const row = ({ category, engine, withRules }: CategoryReport): string =>
    [
      category.padEnd(width),
      String(engine.wrong).padStart(5),
      String(engine.correct).padStart(5),
      pair(percent(engine.detected, engine.wrong), percent(withRules.detected, withRules.wrong)).padEnd(27),
      pair(percent(engine.corrected, engine.wrong), percent(withRules.corrected, withRules.wrong)).padEnd(28),
      pair(percent(engine.falseAlarms, engine.correct), percent(withRules.falseAlarms, withRules.correct)),
    ].join("  ");
  return [`level ${report.level}`, header, ...report.categories.map(row), row(report.overall)].join("\n");
}
