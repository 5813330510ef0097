import type { PreviewDocumentLike, PreviewStepLike } from "./model.js";

/** Crafted preview steps for the diff's tests, shaped like `npm run preview -- --json`. */
export function step(stack: string, type: string, name: string, inputs: Record<string, unknown>, parentType?: string): PreviewStepLike {
  const qualified = parentType ? `${parentType}$${type}` : type;
  const urn = `urn:pulumi:${stack}::francaisfluide::${qualified}::${name}`;
  return { op: "create", urn, newState: { type, inputs, custom: true, parent: `urn:pulumi:${stack}::francaisfluide::pulumi:pulumi:Stack::francaisfluide-${stack}` } };
}

export function preview(stack: string, steps: PreviewStepLike[]): PreviewDocumentLike {
  return { stack, steps };
}
