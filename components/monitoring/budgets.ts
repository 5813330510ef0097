/**
 * The seed's `costMonitoring` (scaling plan, "Monitoring des Coûts"): its three alerts, each on its channel, and
 * its weekly waste report. The figures hold for every phase, so they live here, cited once.
 */
export const SEED_COST_ALERTS = {
  daily: { usd: 50, channel: "email" },
  monthly: { usd: 1000, channel: "slack" },
  annual: { usd: 10000, channel: "sms" },
} as const;

/** The seed's `wasteDetection: 'weekly-report'`, as Cost Anomaly Detection's subscription frequency. */
export const WASTE_REPORT_FREQUENCY = "WEEKLY";

export type CostChannel = "email" | "slack" | "sms";

export interface BudgetNotificationPlan {
  notificationType: "ACTUAL" | "FORECASTED";
  thresholdPercent: number;
}

export interface BudgetPlan {
  key: "daily" | "monthly" | "annual" | "phase-monthly";
  timeUnit: "DAILY" | "MONTHLY" | "ANNUALLY";
  limitUsd: number;
  /** Where its notifications go; Slack falls back to e-mail where no channel is configured. */
  channels: CostChannel[];
  notifications: BudgetNotificationPlan[];
  /** Why the seed's alert is kept although the phase's own budget makes it fire as a matter of course. */
  conflict?: string;
}

/**
 * The budgets of a phase: the seed's three alerts as they are, and the phase's own monthly ceiling with actual and
 * forecast notifications at 80 and 100 %. Where the phase's own spending reaches a seed alert, the alert is kept
 * (it is the seed's) and the conflict is said.
 */
export function planBudgets(monthlyBudgetUsd: { min: number; max: number }, slack: boolean): BudgetPlan[] {
  const actualAt100: BudgetNotificationPlan[] = [{ notificationType: "ACTUAL", thresholdPercent: 100 }];
  const routed = (channel: CostChannel): CostChannel[] => (channel === "slack" && !slack ? ["email"] : [channel]);
  const { daily, monthly, annual } = SEED_COST_ALERTS;
  const monthlyConflict =
    monthlyBudgetUsd.min >= monthly.usd
      ? `the phase plans $${monthlyBudgetUsd.min}-${monthlyBudgetUsd.max} a month, so the seed's $${monthly.usd} monthly alert fires every month; kept as the seed asks, read it as "this month's spending passed $${monthly.usd}"`
      : undefined;
  const annualConflict =
    monthlyBudgetUsd.min * 12 >= annual.usd
      ? `the phase plans at least $${monthlyBudgetUsd.min * 12} a year, so the seed's $${annual.usd} annual alert fires every year, within the year; kept as the seed asks`
      : undefined;
  return [
    { key: "daily", timeUnit: "DAILY", limitUsd: daily.usd, channels: routed(daily.channel), notifications: actualAt100 },
    { key: "monthly", timeUnit: "MONTHLY", limitUsd: monthly.usd, channels: routed(monthly.channel), notifications: actualAt100, ...(monthlyConflict ? { conflict: monthlyConflict } : {}) },
    { key: "annual", timeUnit: "ANNUALLY", limitUsd: annual.usd, channels: routed(annual.channel), notifications: actualAt100, ...(annualConflict ? { conflict: annualConflict } : {}) },
    {
      key: "phase-monthly",
      timeUnit: "MONTHLY",
      limitUsd: monthlyBudgetUsd.max,
      channels: slack ? ["email", "slack"] : ["email"],
      notifications: (["ACTUAL", "FORECASTED"] as const).flatMap((notificationType) => [80, 100].map((thresholdPercent) => ({ notificationType, thresholdPercent }))),
    },
  ];
}
