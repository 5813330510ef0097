import type {
  EnforcementLevel,
  Policy,
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/**
 * Runs CrossGuard policies the way the Pulumi engine's policy analyzer does (`@pulumi/policy`'s server.js): resource
 * rules get `type`, `props`, `urn`, `name`, `opts`, `getConfig`, `isType`, `asType`, `notApplicable`; stack rules get
 * every resource with its parent and dependencies; configuration is each rule's schema defaults, overridden by a
 * policy config file; a `disabled` rule does not run; a rule whose validation is typed (`validateResourceOfType`) does
 * not run on other types; `notApplicable` ends a rule's run without a violation.
 */

/** One resource as a preview shows it. */
export interface PreviewResource {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  /** URN of the parent, when it has one. */
  parent?: string;
  /** URNs of the resources it depends on. */
  dependencies?: string[];
}

export interface Violation {
  policy: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  urn?: string;
}

/** `{ all: "mandatory", <policy>: { enforcementLevel?, ...config } }`, the shape of `pulumi preview --policy-pack-config`. */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

class NotApplicable extends Error {}

const DEFAULT_OPTIONS: PolicyResourceOptions = { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } } as unknown as PolicyResourceOptions;

function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema?.properties ?? {}).flatMap(([key, property]) => ("default" in property ? [[key, property.default]] : [])));
}

/** The enforcement level a rule runs at, and its configuration, under a pack config. */
export function effectivePolicy(policy: Policy & { configSchema?: PolicyConfigSchema }, packConfig: PolicyPackConfig = {}) {
  const all = packConfig.all;
  const own = packConfig[policy.name];
  const ownObject = typeof own === "object" ? own : undefined;
  const enforcementLevel: EnforcementLevel =
    (typeof own === "string" ? own : ownObject?.enforcementLevel) ?? (typeof all === "string" ? all : undefined) ?? policy.enforcementLevel ?? "advisory";
  const { enforcementLevel: _level, ...overrides } = ownObject ?? {};
  return { enforcementLevel, config: { ...schemaDefaults(policy.configSchema), ...overrides } };
}

function pulumiTypeOf(value: unknown): string | undefined {
  const type = (value as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof type === "string" && type !== "" ? type : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  return pulumiTypeOf(resourceClass) === type;
}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

async function collect(policy: Policy, enforcementLevel: EnforcementLevel, run: (report: (message: string, urn?: string) => void) => Promise<void> | void, defaultUrn?: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  try {
    await run((message, urn) => violations.push({ policy: policy.name, enforcementLevel, message, ...((urn ?? defaultUrn) === undefined ? {} : { urn: urn ?? defaultUrn }) }));
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw new Error(`Policy ${policy.name} failed${defaultUrn ? ` on ${defaultUrn}` : ""}: ${(error as Error).message}`, { cause: error });
  }
  return violations;
}

/** One resource rule on one resource: what the engine would report for it. */
export async function runResourcePolicy(policy: ResourceValidationPolicy, resource: PreviewResource, packConfig?: PolicyPackConfig): Promise<Violation[]> {
  const { enforcementLevel, config } = effectivePolicy(policy, packConfig);
  if (enforcementLevel === "disabled" || policy.validateResource === undefined) return [];
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  const typed = !Array.isArray(policy.validateResource) ? pulumiTypeOf(policy.validateResource) : undefined;
  if (typed !== undefined && typed !== resource.type) return [];
  const args: ResourceValidationArgs = {
    type: resource.type,
    props: resource.props,
    urn: resource.urn,
    name: resource.name,
    opts: DEFAULT_OPTIONS,
    stackTags: new Map(),
    isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
    asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? resource.props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
  const violations: Violation[] = [];
  for (const validation of validations) violations.push(...(await collect(policy, enforcementLevel, (report) => validation(args, report), resource.urn)));
  return violations;
}

/** The resources as a stack rule sees them: each with its parent and dependencies resolved. */
export function policyResources(resources: PreviewResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  for (const resource of resources) {
    byUrn.set(resource.urn, {
      type: resource.type,
      props: resource.props,
      urn: resource.urn,
      name: resource.name,
      opts: DEFAULT_OPTIONS,
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
      asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? resource.props : undefined)) as PolicyResource["asType"],
    } as PolicyResource);
  }
  for (const resource of resources) {
    const policyResource = byUrn.get(resource.urn) as PolicyResource & { parent?: PolicyResource; dependencies: PolicyResource[] };
    if (resource.parent !== undefined) {
      const parent = byUrn.get(resource.parent);
      if (parent) policyResource.parent = parent;
    }
    policyResource.dependencies = (resource.dependencies ?? []).flatMap((urn) => byUrn.get(urn) ?? []);
  }
  return [...byUrn.values()];
}

/** One stack rule over every resource of a preview. */
export async function runStackPolicy(policy: StackValidationPolicy, resources: PreviewResource[], packConfig?: PolicyPackConfig): Promise<Violation[]> {
  const { enforcementLevel, config } = effectivePolicy(policy, packConfig);
  if (enforcementLevel === "disabled") return [];
  const args: StackValidationArgs = { resources: policyResources(resources), stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable };
  return collect(policy, enforcementLevel, (report) => policy.validateStack(args, report));
}

/** Every rule over every resource, in the engine's order: resource rules per resource, then stack rules. */
export async function runPolicies(
  policies: (ResourceValidationPolicy | StackValidationPolicy)[],
  resources: PreviewResource[],
  packConfig?: PolicyPackConfig,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const resource of resources) {
    for (const policy of policies) if ("validateResource" in policy) violations.push(...(await runResourcePolicy(policy, resource, packConfig)));
  }
  for (const policy of policies) if ("validateStack" in policy) violations.push(...(await runStackPolicy(policy, resources, packConfig)));
  return violations;
}

/** The resources of a preview document (`npm run preview -- --json`), as the engine hands them to policies. */
export function previewResources(document: { steps: { urn: string; newState: { type: string; inputs: Record<string, unknown>; parent?: string; custom?: boolean } }[] }): PreviewResource[] {
  return document.steps.map((step) => ({
    type: step.newState.type,
    urn: step.urn,
    name: step.urn.split("::").at(-1) as string,
    props: step.newState.inputs,
    ...(step.newState.parent === undefined ? {} : { parent: step.newState.parent }),
  }));
}
