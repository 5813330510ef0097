import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { CostDelta, CostReport } from "../cost/model.js";
import type { DocumentDiff } from "../diff/compare.js";
import type { PolicyReport } from "../policy/report.js";

/**
 * What the pull-request workflow writes per phase, in `<dir>/<phase>/`, and the comment reads:
 * - `diff.json`: `npm run diff -- --base <base sha> --stack <phase> --json` on the head;
 * - `cost-base.json`, `cost-head.json`: `npm run cost -- --stack <phase> --json` on the base and on the head;
 * - `policy.json`: `npm run policy -- --stack <phase> --json` on the head.
 * And once, `<dir>/pull-request.json`: `{ "number", "baseSha", "headSha" }`.
 */
export const ARTIFACT_FILES = { diff: "diff.json", costBase: "cost-base.json", costHead: "cost-head.json", policy: "policy.json" } as const;
export const PULL_REQUEST_FILE = "pull-request.json";

/** A file the pull request's own code wrote is untrusted: read this much at most. */
const MAX_ARTIFACT_BYTES = 16 * 1024 * 1024;

export type Artifact<T> = { ok: true; value: T } | { ok: false; problem: string };

/** `npm run diff -- --json` adds the cost change when it can price both sides (with the head's estimator). */
export type DiffDocument = DocumentDiff & { cost?: CostDelta };

export interface PhaseArtifacts {
  stack: string;
  diff: Artifact<DiffDocument>;
  costBase: Artifact<CostReport>;
  costHead: Artifact<CostReport>;
  policy: Artifact<PolicyReport>;
}

export interface PullRequestInfo {
  number: number;
  baseSha: string;
  headSha: string;
}

const entry = z.looseObject({ key: z.string(), type: z.string(), name: z.string() });
const change = z.looseObject({ path: z.string(), kind: z.enum(["added", "removed", "changed"]), secret: z.boolean(), replaces: z.boolean() });
const count = z.number().int().nonnegative();
const usd = z.number().finite();
const diffSchema = z.looseObject({
  before: z.string(),
  after: z.string(),
  added: z.array(entry),
  removed: z.array(entry),
  changed: z.array(entry.extend({ replace: z.boolean(), changes: z.array(change) })),
  renamed: z.array(z.looseObject({ type: z.string(), from: z.string(), to: z.string(), fromKey: z.string(), toKey: z.string() })),
  summary: z.looseObject({ add: count, change: count, replace: count, delete: count, rename: count }),
  cost: z.looseObject({ before: z.looseObject({ totalMonthlyUsd: usd }), components: z.array(z.looseObject({ component: z.string(), beforeUsd: usd })) }).optional(),
});
const costSchema = z.looseObject({
  stack: z.string(),
  currency: z.literal("USD"),
  catalogDate: z.string(),
  totalMonthlyUsd: usd,
  byComponent: z.record(z.string(), usd),
  lines: z.array(z.looseObject({ urn: z.string(), monthlyUsd: usd })),
  unpriced: z.array(z.looseObject({ urn: z.string(), type: z.string(), reason: z.string() })),
  freeCount: count,
  budget: z.looseObject({ minUsd: usd, maxUsd: usd, verdict: z.enum(["under", "within", "over"]) }),
});
const policySchema = z.looseObject({
  stack: z.string(),
  passed: z.boolean(),
  summary: z.looseObject({ mandatory: count, advisory: count, rules: count, resources: count }),
  violations: z.array(z.looseObject({ policy: z.string(), enforcementLevel: z.string(), message: z.string(), urn: z.string().optional() })),
});
const pullRequestSchema = z.object({
  number: z.number().int().positive(),
  baseSha: z.string().regex(/^[0-9a-f]{40}$/),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
});

/** A phase directory's name: what `listStacks` finds in `Pulumi.<stack>.yaml`, and nothing a path could abuse. */
const STACK_NAME = /^[A-Za-z0-9][\w.-]*$/;

function readJson(path: string): Artifact<unknown> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { ok: false, problem: "missing (its step failed or did not write it)" };
  }
  if (size > MAX_ARTIFACT_BYTES) return { ok: false, problem: `too large (${size} bytes, at most ${MAX_ARTIFACT_BYTES})` };
  try {
    return { ok: true, value: JSON.parse(readFileSync(path, "utf8")) };
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
}

function parsed<T>(path: string, schema: z.ZodType, what: string): Artifact<T> {
  const json = readJson(path);
  if (!json.ok) return json;
  const result = schema.safeParse(json.value);
  if (result.success) return { ok: true, value: json.value as T };
  const issue = result.error.issues[0];
  return { ok: false, problem: `not ${what} (${issue ? `${issue.path.join(".") || "the document"}: ${issue.message}` : "invalid"})` };
}

export function readPhaseArtifacts(dir: string, stack: string): PhaseArtifacts {
  const file = (name: string) => join(dir, stack, name);
  return {
    stack,
    diff: parsed<DiffDocument>(file(ARTIFACT_FILES.diff), diffSchema, "a diff document (npm run diff -- --json)"),
    costBase: parsed<CostReport>(file(ARTIFACT_FILES.costBase), costSchema, "a cost report (npm run cost -- --json)"),
    costHead: parsed<CostReport>(file(ARTIFACT_FILES.costHead), costSchema, "a cost report (npm run cost -- --json)"),
    policy: parsed<PolicyReport>(file(ARTIFACT_FILES.policy), policySchema, "a policy report (npm run policy -- --json)"),
  };
}

/** The phases to report: the expected ones (the base's stack files) and any other phase directory the run wrote. */
export function phasesIn(dir: string, expected: readonly string[]): string[] {
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((item) => item.isDirectory() && STACK_NAME.test(item.name))
    .map((item) => item.name);
  return [...new Set([...expected, ...found])].sort();
}

export function readPullRequest(dir: string): Artifact<PullRequestInfo> {
  return parsed<PullRequestInfo>(join(dir, PULL_REQUEST_FILE), pullRequestSchema, "the pull request's numbers and commits");
}
