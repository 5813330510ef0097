import { listStacks, loadStackConfig } from "../../stacks/config/load.js";
import type { PreviewDocumentLike } from "../diff/model.js";
import { type Catalog, loadCatalog } from "./catalog.js";
import { costDelta } from "./delta.js";
import { estimateCost } from "./estimate.js";
import type { CostDelta, CostReport } from "./model.js";
import { stackOfPreview } from "./resources.js";

/** The stack of this project a preview document belongs to, if any: only then are its targets and budget known. */
export function knownStackOf(document: PreviewDocumentLike): string | undefined {
  const stack = stackOfPreview(document);
  return stack !== undefined && listStacks().includes(stack) ? stack : undefined;
}

export function estimateForStack(document: PreviewDocumentLike, stack: string, catalog: Catalog = loadCatalog()): CostReport {
  return estimateCost(document, loadStackConfig(stack), catalog);
}

/** The cost change between two previews, when both name a stack of this project; undefined otherwise. */
export function costDeltaOf(before: PreviewDocumentLike, after: PreviewDocumentLike, catalog: Catalog = loadCatalog()): CostDelta | undefined {
  const [beforeStack, afterStack] = [knownStackOf(before), knownStackOf(after)];
  if (beforeStack === undefined || afterStack === undefined) return undefined;
  return costDelta(estimateForStack(before, beforeStack, catalog), estimateForStack(after, afterStack, catalog));
}
