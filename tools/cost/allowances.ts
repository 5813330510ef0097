import type { Allowance } from "./catalog.js";
import type { CostLine } from "./model.js";
import { formatQuantity, formatUsd, type Charge } from "./quote.js";

export interface ChargedLine extends CostLine {
  charges: Charge[];
}

/**
 * An account's free tiers, deducted once each from the lines that use the price, in the preview's order (the first
 * alarms of the account are the free ones). Each line says what it was granted.
 */
export function applyAllowances(lines: ChargedLine[], allowances: Allowance[]): CostLine[] {
  const remaining = new Map(allowances.map((allowance) => [allowance.priceId, allowance.quantity]));
  const reasons = new Map(allowances.map((allowance) => [allowance.priceId, allowance.why]));
  return lines.map(({ charges, ...line }) => {
    let deducted = 0;
    const notes: string[] = [];
    for (const charge of charges) {
      const left = remaining.get(charge.priceId) ?? 0;
      const granted = Math.min(left, charge.quantity);
      if (granted <= 0) continue;
      remaining.set(charge.priceId, left - granted);
      deducted += granted * charge.unitUsd;
      notes.push(`free tier: ${formatQuantity(granted)} of ${charge.priceId} deducted, ${formatUsd(granted * charge.unitUsd)} (${reasons.get(charge.priceId) ?? ""})`);
    }
    return deducted === 0 ? line : { ...line, monthlyUsd: line.monthlyUsd - deducted, assumption: [line.assumption, ...notes].join("; ") };
  });
}
