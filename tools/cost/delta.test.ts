import { describe, expect, it } from "vitest";
import { runDiffCommand } from "../diff/run.js";
import { synthesizeStack } from "../offline/synthesize.js";
import { costDelta } from "./delta.js";
import type { CostDelta, CostReport } from "./model.js";
import { costDeltaOf } from "./priced.js";
import { renderCostDeltaMarkdown, renderCostDeltaText } from "./render.js";

function report(stack: string, byComponent: Record<string, number>, verdict: CostReport["budget"]["verdict"]): CostReport {
  const totalMonthlyUsd = Object.values(byComponent).reduce((sum, usd) => sum + usd, 0);
  return { stack, currency: "USD", catalogDate: "2026-01-15", totalMonthlyUsd, byComponent, lines: [], unpriced: [], freeCount: 0, budget: { minUsd: 50, maxUsd: 100, verdict } };
}

describe("costDelta", () => {
  const delta = costDelta(report("phase1", { backend: 60, cache: 10, cdn: 0 }, "within"), report("phase2", { backend: 300, cache: 10, network: 35 }, "over"));

  it("gives both totals, the change, and only the components that changed, largest change first", () => {
    expect(delta).toEqual({
      before: { stack: "phase1", totalMonthlyUsd: 70, verdict: "within" },
      after: { stack: "phase2", totalMonthlyUsd: 345, verdict: "over" },
      deltaMonthlyUsd: 275,
      components: [
        { component: "backend", beforeUsd: 60, afterUsd: 300, deltaUsd: 240 },
        { component: "network", beforeUsd: 0, afterUsd: 35, deltaUsd: 35 },
      ],
      catalogDate: "2026-01-15",
    });
  });

  it("renders as text and as markdown with signed changes", () => {
    expect(renderCostDeltaText(delta).split("\n")).toEqual([
      "Monthly cost (estimate, catalog of 2026-01-15): phase1 $70.00 (within budget) → phase2 $345.00 (over budget), +$275.00 a month",
      "      +$240.00  backend ($60.00 → $300.00)",
      "       +$35.00  network ($0.00 → $35.00)",
    ]);
    expect(renderCostDeltaMarkdown(costDelta(report("phase2", { backend: 300 }, "over"), report("phase1", { backend: 60 }, "within")))).toContain("| backend | $300.00 | $60.00 | -$240.00 |");
  });
});

describe("the cost delta of phase 2 → phase 3", () => {
  it("is priced on both sides, and the diff shows it in text, markdown and JSON", async () => {
    const [phase2, phase3] = await Promise.all([synthesizeStack("phase2"), synthesizeStack("phase3")]);
    const delta = costDeltaOf(phase2.preview, phase3.preview) as CostDelta;
    expect(delta.before.stack).toBe("phase2");
    expect(delta.after.stack).toBe("phase3");
    expect(delta.deltaMonthlyUsd).toBeCloseTo(delta.after.totalMonthlyUsd - delta.before.totalMonthlyUsd, 6);
    expect(delta.deltaMonthlyUsd).toBeGreaterThan(0);
    // Phase 3 adds regions: the backend, the database and the disaster recovery (absent in phase 2) all cost more.
    for (const name of ["backend", "database", "disaster-recovery"]) expect(delta.components.find((change) => change.component === name)?.deltaUsd).toBeGreaterThan(0);

    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
    expect(await runDiffCommand(["--stack", "phase2", "--to", "phase3", "--json"], io)).toBe(0);
    expect(JSON.parse(out.join("")).cost).toEqual(JSON.parse(JSON.stringify(delta)));
    out.length = 0;
    await runDiffCommand(["--stack", "phase2", "--to", "phase3"], io);
    expect(out.join("\n").split("\n")[1]).toBe(renderCostDeltaText(delta).split("\n")[0]);
    out.length = 0;
    await runDiffCommand(["--stack", "phase2", "--to", "phase3", "--markdown"], io);
    expect(out.join("\n")).toContain(renderCostDeltaMarkdown(delta));
  });

  it("is left out when a side names no stack of this project", async () => {
    const phase2 = await synthesizeStack("phase2");
    expect(costDeltaOf({ stack: "staging", steps: [] }, phase2.preview)).toBeUndefined();
  });
});
