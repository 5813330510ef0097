import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** The catalog shipped with the repository. */
export const CATALOG_PATH = join(dirname(fileURLToPath(import.meta.url)), "prices.yaml");

const UNITS = ["hour", "vCPU-hour", "GB-hour", "LCU-hour", "GB-month", "GB", "month", "user-month", "host-month", "request-10k", "request-million", "test-run-10k"] as const;

const priceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9./-]*$/, "expected a lower-case id such as rds-postgres/db.t4g.micro"),
    region: z.string().regex(/^[a-z]+(-[a-z]+)+-?\d+$/, "expected a cloud region such as us-east-1 or europe-west9").optional(),
    unit: z.enum(UNITS),
    usd: z.number().nonnegative(),
    source: z.url({ protocol: /^https$/, error: "expected the https address of the public pricing page the price comes from" }),
    verified: z.boolean(),
    checkedAgainst: z.url().optional(),
    kind: z.enum(["list", "assumption"]).default("list"),
    note: z.string().min(1).optional(),
  })
  .strict()
  .refine((price) => price.kind === "list" || price.note !== undefined, { path: ["note"], message: "is required on an assumption: say why the figure has its value" })
  .refine((price) => !price.verified || price.checkedAgainst !== undefined, { path: ["checkedAgainst"], message: "is required when verified is true: the page the figure was checked against" });

const assumptionSchema = z.object({ id: z.string().min(1), value: z.number().nonnegative(), unit: z.string().min(1), why: z.string().min(1) }).strict();

const allowanceSchema = z
  .object({ priceId: z.string().min(1), quantity: z.number().positive(), why: z.string().min(1) })
  .strict();

const freeSchema = z.object({ type: z.string().regex(/^[a-z][\w-]*:/, "expected a Pulumi type token such as aws:ec2/vpc:Vpc, or a prefix ending in *"), why: z.string().min(1) }).strict();

const catalogSchema = z
  .object({
    date: z.iso.date("expected the ISO date (YYYY-MM-DD) the prices were transcribed on"),
    currency: z.literal("USD"),
    sources: z.record(z.string(), z.url()).optional(),
    prices: z.array(priceSchema).min(1),
    assumptions: z.array(assumptionSchema),
    allowances: z.array(allowanceSchema).default([]),
    free: z.array(freeSchema),
  })
  .strict();

export type Price = z.output<typeof priceSchema>;
export type Assumption = z.output<typeof assumptionSchema>;
export type FreeRule = z.output<typeof freeSchema>;
export type Allowance = z.output<typeof allowanceSchema>;

export interface Catalog {
  date: string;
  prices: Price[];
  assumptions: Assumption[];
  /** Free tiers an account gets every month, deducted once from the lines that use the price. */
  allowances: Allowance[];
  free: FreeRule[];
}

/** A catalog that cannot be used: the message names the file, the entry and the field. */
export class CatalogError extends Error {
  constructor(source: string, problems: string[]) {
    super(`The price catalog ${source} is invalid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nFix the entries named above (see the comment at the top of the catalog).`);
    this.name = "CatalogError";
  }
}

/** "prices[3] (rds-postgres/db.t4g.micro in us-east-1)" for an issue inside an entry, so that the reader finds the line. */
function where(document: unknown, path: PropertyKey[]): string {
  const [list, index, ...rest] = path;
  if (typeof list !== "string" || typeof index !== "number") return path.map(String).join(".") || "(top level)";
  const entry = (document as Record<string, unknown[]>)[list]?.[index] as Record<string, unknown> | undefined;
  const name = entry?.id ?? entry?.type;
  const region = typeof entry?.region === "string" ? ` in ${entry.region}` : "";
  const label = typeof name === "string" ? ` (${name}${region})` : "";
  return `${list}[${index}]${label}${rest.length > 0 ? `, field ${rest.map(String).join(".")}` : ""}`;
}

/** The assumptions the pricing rules read: a catalog without one of them cannot price a phase. */
export const REQUIRED_ASSUMPTIONS = [
  "hours-per-month",
  "bytes-per-request",
  "bytes-logged-per-request",
  "other-log-group-gb-per-month",
  "log-bucket-gb",
  "cloudfront-request-share",
  "vercel-pro-seats",
] as const;

function catalogProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const id of REQUIRED_ASSUMPTIONS) {
    if (!catalog.assumptions.some((assumption) => assumption.id === id)) problems.push(`assumptions: "${id}" is missing; the estimator needs it`);
  }
  const seen = new Set<string>();
  for (const [index, price] of catalog.prices.entries()) {
    const key = `${price.id}@${price.region ?? "(any region)"}`;
    if (seen.has(key)) problems.push(`prices[${index}] (${price.id}${price.region ? ` in ${price.region}` : ""}): a second price for the same id and region; keep one`);
    seen.add(key);
  }
  for (const [index, allowance] of catalog.allowances.entries()) {
    if (!catalog.prices.some((price) => price.id === allowance.priceId)) problems.push(`allowances[${index}] (${allowance.priceId}): no price has this id`);
  }
  const assumptionIds = new Set<string>();
  for (const [index, assumption] of catalog.assumptions.entries()) {
    if (assumptionIds.has(assumption.id)) problems.push(`assumptions[${index}] (${assumption.id}): a second assumption with the same id; keep one`);
    assumptionIds.add(assumption.id);
  }
  return problems;
}

export function parseCatalog(text: string, source: string): Catalog {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new CatalogError(source, [`not valid YAML: ${(error as Error).message}`]);
  }
  const parsed = catalogSchema.safeParse(document);
  if (!parsed.success) throw new CatalogError(source, parsed.error.issues.map((issue) => `${where(document, issue.path)}: ${issue.message}`));
  const { date, prices, assumptions, allowances, free } = parsed.data;
  const catalog: Catalog = { date, prices, assumptions, allowances, free };
  const problems = catalogProblems(catalog);
  if (problems.length > 0) throw new CatalogError(source, problems);
  return catalog;
}

export function loadCatalog(path = CATALOG_PATH): Catalog {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CatalogError(path, [`cannot be read: ${(error as Error).message}`]);
  }
  return parseCatalog(text, path);
}

/** The price of `id` in `region`, or the region-less one; undefined when the catalog has neither. */
export function findPrice(catalog: Catalog, id: string, region?: string): Price | undefined {
  return catalog.prices.find((price) => price.id === id && price.region === region) ?? catalog.prices.find((price) => price.id === id && price.region === undefined);
}

/** An assumption the estimator cannot work without: a missing one is a catalog error, not a zero. */
export function assumptionValue(catalog: Catalog, id: (typeof REQUIRED_ASSUMPTIONS)[number]): number {
  const assumption = catalog.assumptions.find((candidate) => candidate.id === id);
  if (!assumption) throw new CatalogError("(loaded)", [`assumptions: "${id}" is missing; the estimator needs it`]);
  return assumption.value;
}

/** The free rule matching a type (exact, or a prefix ending in `*`). */
export function freeRuleFor(catalog: Catalog, type: string): FreeRule | undefined {
  return catalog.free.find((rule) => (rule.type.endsWith("*") ? type.startsWith(rule.type.slice(0, -1)) : rule.type === type));
}
