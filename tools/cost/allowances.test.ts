import { describe, expect, it } from "vitest";
import { applyAllowances, type ChargedLine } from "./allowances.js";

function line(name: string, charges: ChargedLine["charges"]): ChargedLine {
  const monthlyUsd = charges.reduce((sum, charge) => sum + charge.quantity * charge.unitUsd, 0);
  return { urn: `urn:pulumi:phase1::francaisfluide::aws:cloudwatch/metricAlarm:MetricAlarm::${name}`, type: "aws:cloudwatch/metricAlarm:MetricAlarm", component: "monitoring", priceIds: ["cloudwatch-alarm-metric"], assumption: "alarm", monthlyUsd, charges };
}

describe("applyAllowances", () => {
  const alarm = (name: string, metrics: number) => line(name, [{ priceId: "cloudwatch-alarm-metric", quantity: metrics, unitUsd: 0.1 }]);
  const allowances = [{ priceId: "cloudwatch-alarm-metric", quantity: 10, why: "10 free alarm metrics" }];

  it("deducts an account's free tier once, from the first lines that use the price, and says so on each", () => {
    const lines = applyAllowances([alarm("a", 4), alarm("b", 4), alarm("c", 4), alarm("d", 1)], allowances);
    // 4 + 4 free, then 2 of the third line's 4: 13 metrics, 3 of them billed at $0.10.
    expect(lines.map((l) => Number(l.monthlyUsd.toFixed(6)))).toEqual([0, 0, 0.2, 0.1]);
    expect(lines[2]?.assumption).toBe("alarm; free tier: 2 of cloudwatch-alarm-metric deducted, $0.20 (10 free alarm metrics)");
    expect(lines[3]?.assumption).toBe("alarm");
    expect(lines.every((l) => !("charges" in l))).toBe(true);
  });

  it("leaves lines of other prices alone", () => {
    const other = line("nat", [{ priceId: "nat-gateway-hour", quantity: 730, unitUsd: 0.045 }]);
    expect(applyAllowances([other], allowances)[0]?.monthlyUsd).toBeCloseTo(32.85, 6);
  });
});
