import * as pulumi from "@pulumi/pulumi";
import { PROJECT_NAME } from "../../components/lib/project.js";
import { buildPhase } from "../../stacks/build-phase.js";
import type { PhaseConfig } from "../../stacks/config/index.js";
import { loadStackConfig } from "../../stacks/config/load.js";
import { mockInvoke, mockResourceState } from "./mock-state.js";

/** One step of `pulumi preview --json`; offline, every step creates. */
export interface PreviewStep {
  op: "create";
  urn: string;
  provider?: string;
  newState: {
    urn: string;
    custom: boolean;
    type: string;
    inputs: Record<string, unknown>;
    parent?: string;
    provider?: string;
    outputs?: Record<string, unknown>;
  };
}

export interface PreviewDocument {
  stack: string;
  steps: PreviewStep[];
  changeSummary: { create: number };
  diagnostics: never[];
}

interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
}
interface RegisterResourceResponse {
  getUrn(): string;
}
type RegisterCallback = (error: unknown, response?: RegisterResourceResponse) => void;
interface RegisteringMonitor {
  registerResource(request: RegisterResourceRequest, callback: RegisterCallback): Promise<void>;
}

/** Keys the SDK adds for its own bookkeeping, not inputs a reader wrote. */
function withoutBookkeeping(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).filter(([key]) => !key.startsWith("__")));
}

/** Secrets as `pulumi preview --json` shows them, so that no secret reaches a preview, a diff or a pull-request comment. */
export function withSecretsHidden(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSecretsHidden);
  if (value !== null && typeof value === "object") {
    if ((value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return "[secret]";
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withSecretsHidden(inner)]));
  }
  return value;
}

/** Sorted keys at every level: the document's bytes depend only on its content. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function urnOf(stack: string, qualifiedType: string, name: string): string {
  return `urn:pulumi:${stack}::${PROJECT_NAME}::${qualifiedType}::${name}`;
}

async function settled<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/**
 * The program's outputs, resolved, with every secret Output shown as `[secret]` as `pulumi preview` shows a stack's
 * secret outputs: resolving through `apply` alone would print a secret output's value.
 */
export async function resolvedWithSecretsHidden(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    const [inner, secret] = await Promise.all([settled(value as pulumi.Output<unknown>), pulumi.isSecret(value as pulumi.Output<unknown>)]);
    return secret ? "[secret]" : resolvedWithSecretsHidden(inner);
  }
  if (Array.isArray(value)) return Promise.all(value.map(resolvedWithSecretsHidden));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await resolvedWithSecretsHidden(inner)] as const)));
  }
  return value;
}

/**
 * Runs the real program for one phase under the Pulumi SDK's mock runtime and records what
 * `pulumi preview` would show. Phases run one after another in one process: each call
 * installs fresh mocks.
 */
export async function synthesizePhase(config: PhaseConfig): Promise<PreviewDocument> {
  const stack = config.stack;
  const pendingInputs = new Map<string, Record<string, unknown>>();
  const regionOfProvider = new Map<string, string>();

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = withoutBookkeeping(args.inputs as Record<string, unknown>);
        pendingInputs.set(`${args.type}::${args.name}`, withSecretsHidden(inputs) as Record<string, unknown>);
        const providerUrn = args.provider?.slice(0, args.provider.lastIndexOf("::"));
        const region = args.type.startsWith("pulumi:providers:") ? (inputs.region as string | undefined) : regionOfProvider.get(providerUrn ?? "");
        return mockResourceState(args.type, args.name, inputs, region);
      },
      call(args) {
        return mockInvoke(args.token, args.inputs as Record<string, unknown>);
      },
    },
    PROJECT_NAME,
    stack,
    false,
  );

  const stackUrn = urnOf(stack, "pulumi:pulumi:Stack", `${PROJECT_NAME}-${stack}`);
  // The mock monitor qualifies a child's type with its parent's type only; the engine uses the whole chain.
  const engineUrnOf = new Map<string, { urn: string; qualifiedType: string }>();
  const steps: PreviewStep[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as RegisteringMonitor;
  const registerWithMocks = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) =>
    registerWithMocks(request, (error, response) => {
      if (!error && response) {
        const parent = engineUrnOf.get(request.getParent());
        const qualifiedType = parent ? `${parent.qualifiedType}$${request.getType()}` : request.getType();
        const urn = urnOf(stack, qualifiedType, request.getName());
        engineUrnOf.set(response.getUrn(), { urn, qualifiedType });
        const inputs = pendingInputs.get(`${request.getType()}::${request.getName()}`) ?? {};
        if (request.getType().startsWith("pulumi:providers:") && typeof inputs.region === "string") regionOfProvider.set(response.getUrn(), inputs.region);
        const providerReference = request.getProvider();
        const separator = providerReference.lastIndexOf("::");
        const provider = providerReference
          ? `${engineUrnOf.get(providerReference.slice(0, separator))?.urn ?? providerReference.slice(0, separator)}${providerReference.slice(separator)}`
          : undefined;
        steps.push({
          op: "create",
          urn,
          ...(provider ? { provider } : {}),
          newState: {
            urn,
            custom: request.getCustom(),
            type: request.getType(),
            inputs,
            parent: parent?.urn ?? stackUrn,
            ...(provider ? { provider } : {}),
          },
        });
      }
      callback(error, response);
    });

  // The SDK records a stack trace on every promise it makes, for leak reports nobody reads offline; formatted
  // through tsx's source maps, that was two thirds of the synthesis time. So no frames while synthesizing: an
  // error thrown by the program keeps its message, which names what failed, but not its stack.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let outputs: unknown;
  try {
    outputs = await resolvedWithSecretsHidden(buildPhase(config));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  await pulumi.runtime.disconnect();

  steps.push({
    op: "create",
    urn: stackUrn,
    newState: { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", inputs: {}, outputs: outputs as Record<string, unknown> },
  });
  steps.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return canonical({ stack, steps, changeSummary: { create: steps.length }, diagnostics: [] }) as PreviewDocument;
}

export interface StackPreview {
  config: PhaseConfig;
  preview: PreviewDocument;
}

const synthesizedStacks = new Map<string, Promise<StackPreview>>();

/**
 * A stack file's config beside its preview, for component tests, which may not import `stacks/` themselves.
 * Synthesized once per stack and process, so the describe blocks of a test file share it; callers must not
 * change what they get (deep-frozen to make sure).
 */
export function synthesizeStack(stack: string): Promise<StackPreview> {
  let synthesized = synthesizedStacks.get(stack);
  if (synthesized === undefined) {
    const config = loadStackConfig(stack);
    synthesized = synthesizePhase(config).then((preview) => deepFreeze({ config, preview }));
    synthesizedStacks.set(stack, synthesized);
  }
  return synthesized;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
