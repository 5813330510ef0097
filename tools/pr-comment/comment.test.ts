import { describe, expect, it } from "vitest";
import type { CostReport } from "../cost/model.js";
import { compareDocuments, type DocumentDiff } from "../diff/compare.js";
import { preview, step } from "../diff/fixtures.js";
import type { PolicyReport } from "../policy/report.js";
import type { Artifact, PhaseArtifacts } from "./artifacts.js";
import { buildComment, COMMENT_MARKER, delta, GITHUB_COMMENT_LIMIT, plain, shares, summaryLine } from "./comment.js";

const ok = <T>(value: T): Artifact<T> => ({ ok: true, value });
const missing: Artifact<never> = { ok: false, problem: "missing (its step failed or did not write it)" };

function cost(stack: string, total: number, byComponent: Record<string, number>, verdict: CostReport["budget"]["verdict"] = "within"): CostReport {
  return {
    stack,
    currency: "USD",
    catalogDate: "2026-10-01",
    totalMonthlyUsd: total,
    byComponent,
    lines: [{ urn: `urn:pulumi:${stack}::francaisfluide::aws:rds/instance:Instance::database-main`, type: "aws:rds/instance:Instance", component: "database", priceIds: ["rds-db.t4g.micro"], assumption: "730 h × $0.016/h", monthlyUsd: byComponent.database ?? 0 }],
    unpriced: [],
    freeCount: 12,
    budget: { minUsd: 50, maxUsd: 100, verdict },
  };
}

function policy(stack: string, violations: PolicyReport["violations"]): PolicyReport {
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  return { stack, passed: mandatory === 0, summary: { mandatory, advisory: violations.length - mandatory, rules: 30, resources: 120 }, violations };
}

const database = (storage: number, multiAz: boolean) => step("phase1", "aws:rds/instance:Instance", "database-main", { allocatedStorage: storage, multiAz, dbName: "francaisfluide" });
const diff1: DocumentDiff = compareDocuments(
  preview("phase1 at main", [database(20, false), step("phase1", "aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" })]),
  preview("phase1", [database(30, true), step("phase1", "aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.1.0.0/16" }), step("phase1", "aws:ec2/eip:Eip", "nat-eip", { domain: "vpc" })]),
);
const unchanged: DocumentDiff = compareDocuments(preview("phase2 at main", [database(50, true)]), preview("phase2", [database(50, true)]));

const phase1: PhaseArtifacts = {
  stack: "phase1",
  diff: ok(diff1),
  costBase: ok(cost("phase1", 62.5, { database: 14.6, network: 0, compute: 47.9 })),
  costHead: ok(cost("phase1", 91.75, { database: 43.85, network: 0, compute: 47.9 })),
  policy: ok(policy("phase1", [{ policy: "rds-backup-retention", enforcementLevel: "advisory", message: "Backups are kept 7 days <b>only</b>, @team", urn: "urn:pulumi:phase1::francaisfluide::aws:rds/instance:Instance::database-main" }])),
};
const phase2: PhaseArtifacts = {
  stack: "phase2",
  diff: ok(unchanged),
  costBase: ok(cost("phase2", 240, { database: 120, compute: 120 }, "over")),
  costHead: ok(cost("phase2", 240, { database: 120, compute: 120 }, "over")),
  policy: ok(policy("phase2", [{ policy: "tags-required", enforcementLevel: "mandatory", message: "missing the cost-center tag", urn: "urn:pulumi:phase2::francaisfluide::aws:ec2/vpc:Vpc::vpc" }])),
};
const phase3: PhaseArtifacts = { stack: "phase3", diff: missing, costBase: missing, costHead: missing, policy: missing };

const SHAS = { baseSha: "a".repeat(40), headSha: "b".repeat(40) };

describe("summary lines", () => {
  it("give the changes, the cost before → after with its delta, and the policy verdict", () => {
    expect(summaryLine(phase1)).toBe("- ⚠️ **phase1**: +1 ~2 -0 (1 replacement) · cost $62.50 → $91.75/month (+$29.25 (+46.8 %)) · policy passed (1 advisory)");
  });

  it("flag a failed policy, a cost over budget, and say so when nothing changes", () => {
    expect(summaryLine(phase2)).toBe("- ❌ **phase2**: no changes · cost $240.00 → $240.00/month ($0.00), ⚠️ over the $50.00–$100.00 budget · policy **failed**: 1 mandatory, 0 advisory");
  });

  it("name each missing artifact instead of failing", () => {
    expect(summaryLine(phase3)).toBe("- ❌ **phase3**: no diff (diff.json missing) · no cost estimate (cost-head.json missing) · no policy verdict (policy.json missing)");
  });

  it("give the head's cost alone when the base has no estimate", () => {
    expect(summaryLine({ ...phase1, costBase: missing })).toBe(
      "- ⚠️ **phase1**: +1 ~2 -0 (1 replacement) · cost $91.75/month (no base estimate: cost-base.json missing) · policy passed (1 advisory)",
    );
  });
});

describe("the base's cost when the base has no estimate of its own", () => {
  const priced = {
    ...diff1,
    cost: { before: { stack: "phase1", totalMonthlyUsd: 60, verdict: "within" as const }, after: { stack: "phase1", totalMonthlyUsd: 91.75, verdict: "within" as const }, deltaMonthlyUsd: 31.75, components: [{ component: "database", beforeUsd: 12.6, afterUsd: 43.85, deltaUsd: 31.25 }], catalogDate: "2026-10-01" },
  };

  it("comes from the diff's pricing of the base, said so, with the components it changed", () => {
    const phase = { ...phase1, costBase: missing, diff: ok(priced) };
    expect(summaryLine(phase)).toContain("cost $60.00 → $91.75/month (+$31.75 (+52.9 %); the base priced by the head's estimator)");
    const text = buildComment({ phases: [phase] });
    expect(text).toContain("| `database` | $12.60 | $43.85 | +$31.25 (+248.0 %) |");
    expect(text).not.toContain("| `compute` |");
  });

  it("is the base's own estimate when there is one", () => {
    expect(summaryLine({ ...phase1, diff: ok(priced) })).toContain("cost $62.50 → $91.75/month (+$29.25 (+46.8 %))");
  });
});

describe("buildComment", () => {
  const comment = buildComment({ phases: [phase1, phase2, phase3], pullRequest: SHAS, runUrl: "https://github.com/o/r/actions/runs/42" });

  it("starts with the marker the workflow finds it by, then the commits", () => {
    expect(comment.startsWith(`${COMMENT_MARKER}\n### Offline preview of \`bbbbbbb\` against the base \`aaaaaaa\`\n\n- ⚠️ **phase1**`)).toBe(true);
  });

  it("has one collapsible block per phase, with the changed properties' table", () => {
    expect(comment.match(/<details><summary>(?:✅|⚠️|❌) <b>phase\d<\/b>/gu)).toEqual(["<details><summary>⚠️ <b>phase1</b>", "<details><summary>❌ <b>phase2</b>", "<details><summary>❌ <b>phase3</b>"]);
    expect(comment).toContain("| `database-main` | `inputs.allocatedStorage` | `20` | `30` | no |");
    expect(comment).toContain("| `vpc` | `inputs.cidrBlock` | `\"10.0.0.0/16\"` | `\"10.1.0.0/16\"` | **yes** |");
    expect(comment).toContain("- ➕ `nat-eip`");
  });

  it("tabulates the components whose cost changes, and the violations with their text made inert", () => {
    expect(comment).toContain("| `database` | $14.60 | $43.85 | +$29.25 (+200.3 %) |");
    expect(comment).not.toContain("| `compute` |");
    expect(comment).toContain("| advisory | `rds-backup-retention` | `database-main` | Backups are kept 7 days &lt;b&gt;only&lt;/b&gt;, @\u200bteam |");
    expect(comment).toContain("| **mandatory** | `tags-required` | `vpc` | missing the cost-center tag |");
  });

  it("lists a phase's missing results with a link to the run", () => {
    expect(comment).toContain("#### Missing or invalid results\n\n- diff.json: missing (its step failed or did not write it)\n- cost-base.json: missing");
    expect(comment).toContain("See the [workflow run](https://github.com/o/r/actions/runs/42) for the failed step's log.");
  });

  it("keeps a crafted resource name from breaking out of its code span or adding HTML", () => {
    const crafted = compareDocuments(preview("p", []), preview("p", [step("p", "aws:ec2/vpc:Vpc</code><img src=x>", "a`<b>@x", { cidrBlock: "10.0.0.0/16" })]));
    const text = buildComment({ phases: [{ ...phase1, diff: ok(crafted) }] });
    expect(text).not.toContain("<img");
    expect(text).not.toContain("<b>@x");
    expect(text).toContain("- ➕ `a__b_@x`");
  });

  it("is the same text twice", () => {
    expect(buildComment({ phases: [phase1, phase2, phase3], pullRequest: SHAS, runUrl: "https://github.com/o/r/actions/runs/42" })).toBe(comment);
  });
});

describe("GitHub's comment limit", () => {
  // 2,000 resource types added in phase 4: far more than 65,536 characters of details.
  const huge = compareDocuments(
    preview("phase4 at main", []),
    preview(
      "phase4",
      Array.from({ length: 2000 }, (_, i) => step("phase4", `aws:service${i}/thing:Thing`, `resource-with-a-long-name-${i}`, { value: "x".repeat(200) })),
    ),
  );
  const big: PhaseArtifacts = { ...phase1, stack: "phase4", diff: ok(huge) };

  it("holds a huge diff under the limit, keeps every summary line and the other phases' details, and says what was cut", () => {
    const text = buildComment({ phases: [phase1, phase2, big], pullRequest: SHAS });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain("- ⚠️ **phase1**");
    expect(text).toContain("- ✅ **phase4**: +2000 ~0 -0");
    expect(text).toContain("| `database-main` | `inputs.allocatedStorage` | `20` | `30` | no |");
    expect(text).toMatch(/✂️ \d+ more blocks of phase4's details cut to stay under GitHub's 65,536-character comment limit/);
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
    expect(text.trimEnd().endsWith("Updated in place on every push.</sub>")).toBe(true);
  });

  it("cuts to a smaller limit too, always closing what it opened", () => {
    const text = buildComment({ phases: [phase1, big], limit: 4000 });
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
  });

  it("shares the room: small sections whole, the rest evenly", () => {
    expect(shares([100, 5000, 50_000], 20_000)).toEqual([100, 5000, 14_900]);
    expect(shares([30_000, 30_000], 20_000)).toEqual([10_000, 10_000]);
  });
});

describe("formatting", () => {
  it("signs a delta and gives its share of the base", () => {
    expect(delta(100, 150)).toBe("+$50.00 (+50.0 %)");
    expect(delta(100, 75)).toBe("-$25.00 (-25.0 %)");
    expect(delta(0, 12)).toBe("+$12.00");
    expect(delta(10, 10)).toBe("$0.00");
  });

  it("makes untrusted text inert outside code", () => {
    expect(plain("<script>a & @b\nc")).toBe("&lt;script&gt;a &amp; @\u200bb c");
  });
});
