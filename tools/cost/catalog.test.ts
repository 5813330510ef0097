import { describe, expect, it } from "vitest";
import { CatalogError, findPrice, freeRuleFor, loadCatalog, parseCatalog } from "./catalog.js";
import { TEST_CATALOG_YAML, testCatalog } from "./fixtures.js";

const ENTRY = '{ id: kms-key, unit: month, usd: 1, source: "https://aws.amazon.com/kms/pricing/", verified: false }';
const ASSUMPTIONS = TEST_CATALOG_YAML.slice(TEST_CATALOG_YAML.indexOf("assumptions:"), TEST_CATALOG_YAML.indexOf("free:"));
const catalogWith = (prices: string[]) => `date: "2026-01-15"\ncurrency: USD\nprices:\n${prices.map((p) => `  - ${p}`).join("\n")}\n${ASSUMPTIONS}free: []\n`;

describe("the shipped catalog", () => {
  const catalog = loadCatalog();

  it("is valid, dated, and names a public https page for every price", () => {
    expect(catalog.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.prices.length).toBeGreaterThan(50);
    for (const price of catalog.prices) expect(price.source).toMatch(/^https:\/\//);
  });

  it("says which figures are assumptions rather than list prices, each with its reason", () => {
    const assumed = catalog.prices.filter((price) => price.kind === "assumption").map((price) => price.id);
    expect(assumed).toEqual(expect.arrayContaining(["cloudflare-plan/enterprise", "vercel-plan/enterprise"]));
    for (const price of catalog.prices.filter((p) => p.kind === "assumption")) expect(price.note).toMatch(/no .*price/i);
  });

  it("prices every region the stacks use for the instance types the phases run", () => {
    for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
      expect(findPrice(catalog, "aurora-postgres/db.t4g.medium", region)?.region).toBe(region);
      expect(findPrice(catalog, "fargate-linux-x86/vcpu", region)?.region).toBe(region);
      expect(findPrice(catalog, "nat-gateway-hour", region)?.region).toBe(region);
    }
  });
});

describe("parseCatalog", () => {
  it("finds a regional price, falls back on a region-less one, and matches free rules by type or prefix", () => {
    const catalog = testCatalog();
    expect(findPrice(catalog, "nat-gateway-hour", "eu-west-3")?.usd).toBe(0.05);
    expect(findPrice(catalog, "nat-gateway-hour", "us-east-1")).toBeUndefined();
    expect(findPrice(catalog, "public-ipv4-hour", "eu-west-3")?.usd).toBe(0.005);
    expect(freeRuleFor(catalog, "aws:ec2/vpc:Vpc")?.why).toBe("VPCs have no charge");
    expect(freeRuleFor(catalog, "pulumi:providers:aws")?.why).toBe("provider configuration");
    expect(freeRuleFor(catalog, "aws:ec2/subnet:Subnet")).toBeUndefined();
  });

  it.each([
    ["a price without its source", catalogWith(['{ id: kms-key, unit: month, usd: 1, verified: false }']), "prices[0] (kms-key), field source:"],
    ["a negative price", catalogWith([ENTRY.replace("usd: 1", "usd: -1")]), "prices[0] (kms-key), field usd: Too small"],
    ["an unknown unit", catalogWith([ENTRY.replace("unit: month", "unit: fortnight")]), "prices[0] (kms-key), field unit:"],
    ["a source that is not https", catalogWith([ENTRY.replace("https://", "http://")]), "the https address of the public pricing page"],
    ["an assumption without its reason", catalogWith([ENTRY.replace("verified: false", "verified: false, kind: assumption")]), "prices[0] (kms-key), field note: is required on an assumption"],
    ["a verified price without the page it was checked against", catalogWith([ENTRY.replace("verified: false", "verified: true")]), "field checkedAgainst: is required when verified is true"],
    ["a misspelt field", catalogWith([ENTRY.replace("usd:", "usd: 1, prise:")]), 'prices[0] (kms-key): Unrecognized key: "prise"'],
    ["two prices for the same id and region", catalogWith([ENTRY, ENTRY]), "prices[1] (kms-key): a second price for the same id and region"],
    ["a date that is not ISO", catalogWith([ENTRY]).replace('"2026-01-15"', '"15/01/2026"'), "date: expected the ISO date"],
    ["YAML that does not parse", "prices: [", "not valid YAML"],
    ["an allowance for a price that does not exist", `${catalogWith([ENTRY])}allowances:\n  - { priceId: kms-keys, quantity: 1, why: "typo" }\n`, "allowances[0] (kms-keys): no price has this id"],
    ["a missing assumption the estimator reads", TEST_CATALOG_YAML.replace(/ {2}- \{ id: log-bucket-gb.*\n/, ""), 'assumptions: "log-bucket-gb" is missing; the estimator needs it'],
  ])("rejects %s, naming the entry and the field", (_what, text, message) => {
    expect(() => parseCatalog(text, "prices.yaml")).toThrow(CatalogError);
    expect(() => parseCatalog(text, "prices.yaml")).toThrow(message);
  });

  it("names the file in its error", () => {
    expect(() => parseCatalog(TEST_CATALOG_YAML.replace("currency: USD", "currency: EUR"), "my-prices.yaml")).toThrow(/The price catalog my-prices\.yaml is invalid:\n {2}- currency:/);
  });
});
