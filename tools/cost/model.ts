/** What `npm run cost -- --json` prints: the contract between the estimator, the diff and the pull-request comment. */

export interface Money {
  /** US dollars a month, unrounded; renderers round. */
  monthlyUsd: number;
}

/** One priced resource: its figure and how it was reached, so a reviewer can check it by hand. */
export interface CostLine extends Money {
  urn: string;
  /** The resource's type token, e.g. `aws:rds/instance:Instance`. */
  type: string;
  /** The component it belongs to (its top-level `francaisfluide:*` ancestor's name), or `(stack)`. */
  component: string;
  /** The catalog entries used, by id. */
  priceIds: string[];
  /** The quantities assumed, in words: e.g. "730 h × $0.0320/h (db.t4g.small, eu-west-3) + 20 GB × $0.138/GB-month". */
  assumption: string;
}

/** A resource the catalog has no price for: listed, never counted as zero. */
export interface UnpricedResource {
  urn: string;
  type: string;
  component: string;
  reason: string;
}

export type BudgetVerdict = "under" | "within" | "over";

export interface CostReport {
  stack: string;
  currency: "USD";
  /** The catalog's own date (ISO), printed with every total. */
  catalogDate: string;
  totalMonthlyUsd: number;
  byComponent: Record<string, number>;
  lines: CostLine[];
  unpriced: UnpricedResource[];
  /** Free resources the catalog prices at zero on purpose (e.g. security groups), counted apart from unpriced. */
  freeCount: number;
  budget: { minUsd: number; maxUsd: number; verdict: BudgetVerdict };
  /** Requests a month the per-request prices assume (from the phase's requests-per-minute target). */
  requestsPerMonth?: number;
  /** The estimate's general assumptions, in words (each line adds its own). */
  assumptions?: string[];
}

/** One component's change between two estimates. */
export interface ComponentCostDelta {
  component: string;
  beforeUsd: number;
  afterUsd: number;
  deltaUsd: number;
}

/** What `npm run diff` adds when both sides are priced: totals and the components whose cost changed. */
export interface CostDelta {
  before: { stack: string; totalMonthlyUsd: number; verdict: BudgetVerdict };
  after: { stack: string; totalMonthlyUsd: number; verdict: BudgetVerdict };
  deltaMonthlyUsd: number;
  /** Components whose monthly cost changed, largest change first. */
  components: ComponentCostDelta[];
  catalogDate: string;
}
