/** What the diff reads of a preview document (`npm run preview -- --json`, or `pulumi preview --json`). */
export interface PreviewState {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  custom?: boolean;
}

export interface PreviewStepLike {
  op?: string;
  urn: string;
  newState?: PreviewState;
  oldState?: PreviewState;
}

export interface PreviewDocumentLike {
  stack?: string;
  steps: PreviewStepLike[];
}

/** The value a preview shows for a secret; the diff never has, and never prints, anything else for it. */
export const SECRET = "[secret]";

/** A resource as the diff keys it: its URN without stack and project, so that two phases' stacks compare. */
export interface ResourceRef {
  /** `qualifiedType::name`, e.g. `francaisfluide:network:Network$aws:ec2/vpc:Vpc::network-us-east-1-vpc`. */
  key: string;
  type: string;
  name: string;
  urn: string;
}

/** `urn:pulumi:<stack>::<project>::<qualifiedType>::<name>` → `<qualifiedType>::<name>`. */
export function urnKey(urn: string): string {
  const parts = urn.split("::");
  // The stack resource is named after its stack: one per document, it is the same resource on both sides.
  if (parts[2] === "pulumi:pulumi:Stack") return "pulumi:pulumi:Stack";
  return parts.length >= 4 ? parts.slice(2).join("::") : urn;
}

export function nameOfUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.slice(3).join("::") || urn;
}

/** A provider reference `urn…::id` as its URN key only: its id is the engine's, not a reader's change. */
export function providerKey(reference: string): string {
  const parts = reference.split("::");
  return parts.length >= 5 ? parts.slice(2, 4).join("::") : reference;
}

/** Whether a parsed JSON value is a preview document; the message says what is missing. */
export function previewProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "expected a JSON object";
  const steps = (value as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return 'expected "steps"';
  for (const [index, step] of steps.entries()) {
    const s = step as PreviewStepLike | null;
    if (s === null || typeof s !== "object" || typeof s.urn !== "string") return `step ${index} has no "urn"`;
    const state = s.newState ?? s.oldState;
    if (!state || typeof state.type !== "string") return `step ${index} has no "newState.type"`;
  }
  return undefined;
}
