import { type Catalog, findPrice } from "./catalog.js";

/** One catalog price applied to a quantity: what a free-tier allowance deducts from. */
export interface Charge {
  priceId: string;
  quantity: number;
  unitUsd: number;
}

/** What a pricing rule says of one resource. */
export type Pricing =
  | { kind: "priced"; monthlyUsd: number; priceIds: string[]; assumption: string; charges: Charge[] }
  | { kind: "free"; why: string }
  | { kind: "unpriced"; reason: string };

/** A dollar figure as a reader checks it: the catalog's own digits for unit prices, cents for totals. */
export function formatUsd(usd: number): string {
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatQuantity(quantity: number): string {
  return Number.isInteger(quantity) ? quantity.toLocaleString("en-US") : quantity.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/**
 * A resource's monthly figure built from catalog prices, each part in words ("730 h × $0.016/hour (rds-postgres/db.t4g.micro,
 * us-east-1)"); a price missing from the catalog makes the whole resource unpriced, naming the id and region.
 */
export class Quote {
  private readonly parts: string[] = [];
  private readonly notes: string[] = [];
  private readonly ids: string[] = [];
  private readonly charges: Charge[] = [];
  private readonly missing: string[] = [];
  private total = 0;

  private readonly catalog: Catalog;
  private readonly region: string | undefined;

  constructor(
    catalog: Catalog,
    region: string | undefined,
  ) {
    this.catalog = catalog;
    this.region = region;
  }

  /** `quantity` units of price `id` (in the resource's region unless given); `what` says what the quantity is. */
  add(id: string, quantity: number, what: string, region = this.region): this {
    const price = findPrice(this.catalog, id, region);
    if (!price) {
      this.missing.push(`${id} in ${region ?? "(no region)"}`);
      return this;
    }
    const where = price.region ? `, ${price.region}` : "";
    const assumed = price.kind === "assumption" ? ", assumed: no list price" : "";
    this.parts.push(`${what} × $${price.usd}/${price.unit} (${price.id}${where}${assumed})`);
    this.ids.push(price.region ? `${price.id}@${price.region}` : price.id);
    this.charges.push({ priceId: price.id, quantity, unitUsd: price.usd });
    this.total += quantity * price.usd;
    return this;
  }

  note(text: string): this {
    this.notes.push(text);
    return this;
  }

  result(): Pricing {
    if (this.missing.length > 0) return { kind: "unpriced", reason: `no catalog price for ${this.missing.join(", ")}` };
    const assumption = [this.parts.join(" + "), ...this.notes].filter((text) => text.length > 0).join("; ");
    return { kind: "priced", monthlyUsd: this.total, priceIds: [...new Set(this.ids)], assumption, charges: this.charges };
  }
}
