import type { PreviewDocumentLike, PreviewStepLike } from "../diff/model.js";

/** A resource of a preview as the estimator reads it: where it runs and which component it belongs to. */
export interface Resource {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The cloud region, from the resource's provider (or its own inputs); undefined for global services. */
  region?: string;
  /** Its top-level `francaisfluide:*` component's name, or `(stack)`. */
  component: string;
}

export const STACK_COMPONENT = "(stack)";

function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** `urn…::id` (how a step names its provider) → the provider's URN. */
function providerUrn(reference: string): string {
  const parts = reference.split("::");
  return parts.length >= 5 ? parts.slice(0, 4).join("::") : reference;
}

function regionInInputs(inputs: Record<string, unknown>): string | undefined {
  for (const key of ["region", "location"]) {
    const value = inputs[key];
    if (typeof value === "string" && /^[a-z]+(-[a-z]+)+-?\d+$/.test(value)) return value;
  }
  return undefined;
}

/** A Kubernetes provider's region: its EKS API server's host names it (`….gr7.us-east-1.eks.amazonaws.com`). */
function regionInKubeconfig(inputs: Record<string, unknown>): string | undefined {
  const kubeconfig = inputs.kubeconfig;
  if (typeof kubeconfig !== "string") return undefined;
  return /\.([a-z]+(?:-[a-z]+)+-\d+)\.eks\.amazonaws\.com/.exec(kubeconfig)?.[1];
}

/** The stack a preview document belongs to: its `stack` field, or the stack named in its URNs (`pulumi preview --json`). */
export function stackOfPreview(document: PreviewDocumentLike): string | undefined {
  if (document.stack) return document.stack;
  const urn = document.steps[0]?.urn;
  return urn?.startsWith("urn:pulumi:") ? urn.slice("urn:pulumi:".length).split("::")[0] : undefined;
}

/** The billable candidates of a preview: custom resources (components and the stack are not), with region and component. */
export function resourcesOf(document: PreviewDocumentLike): Resource[] {
  const states = new Map<string, PreviewStepLike>();
  for (const step of document.steps) states.set(step.urn, step);
  const stateOf = (step: PreviewStepLike) => step.newState ?? step.oldState;

  const componentOf = (urn: string): string => {
    let current = states.get(urn);
    const seen = new Set<string>();
    while (current && !seen.has(current.urn)) {
      seen.add(current.urn);
      const parentUrn = stateOf(current)?.parent;
      const parent = parentUrn ? states.get(parentUrn) : undefined;
      if (!parent || stateOf(parent)?.type === "pulumi:pulumi:Stack") {
        return stateOf(current)?.type.startsWith("francaisfluide:") ? nameOf(current.urn) : STACK_COMPONENT;
      }
      current = parent;
    }
    return STACK_COMPONENT;
  };

  const resources: Resource[] = [];
  for (const step of document.steps) {
    const state = stateOf(step);
    if (!state || state.custom === false || state.type === "pulumi:pulumi:Stack" || state.type.startsWith("francaisfluide:")) continue;
    const inputs = state.inputs ?? {};
    const providerReference = (step as { provider?: string }).provider ?? state.provider;
    const provider = providerReference ? states.get(providerUrn(providerReference)) : undefined;
    const providerInputs = (provider ? stateOf(provider)?.inputs : undefined) ?? {};
    const region = regionInInputs(inputs) ?? regionInInputs(providerInputs) ?? regionInKubeconfig(providerInputs);
    resources.push({ urn: step.urn, type: state.type, name: nameOf(step.urn), inputs, component: componentOf(step.urn), ...(region ? { region } : {}) });
  }
  return resources;
}

/**
 * The resource name behind a physical id or ARN of the offline preview: its mocks name a resource `<name>-<hex>`
 * (`arn:…:taskdefinition/backend-us-east-1-all-ae67dfa4` → `backend-us-east-1-all`). A real preview leaves such
 * references unknown until they exist: callers fall back on a name or a region match.
 */
export function nameInReference(reference: unknown): string | undefined {
  if (typeof reference !== "string") return undefined;
  const last = reference.split(/[/:]/).pop() ?? "";
  const match = /^(.+)-[0-9a-f]{7,8}$/.exec(last);
  return match?.[1];
}
