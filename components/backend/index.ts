import * as pulumi from "@pulumi/pulumi";
import { planRouting } from "./load-balancer.js";
import { RegionBuilder } from "./region.js";
import { fargateEphemeralStorageGib, fargateTaskSize, planScaling } from "./sizing.js";
import { BACKEND_DEFAULTS, type BackendArgs, type RegionBackend } from "./types.js";

export { taskEnvironment, secretArnOf, type ContainerSecret, type ContainerVariable } from "./environment.js";
export { backendKeyPolicy, ecsTasksTrustPolicy, executionRolePolicy, imagePullStatements } from "./iam.js";
export { elbLogDeliveryPrincipal, loadBalancerDeletionProtection, planRouting, TLS_POLICY, type RoutingPlan } from "./load-balancer.js";
export { FARGATE_EPHEMERAL_STORAGE_GIB, fargateEphemeralStorageGib, fargateTaskSize, planScaling, type ScalingPlan } from "./sizing.js";

export * from "./types.js";

/** So that an optional arg passed as undefined keeps its default. */
function stripUndefined<T extends object>(args: T): T {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The app on ECS Fargate in every serving region: a cluster, one service per app role (the same image started with
 * its APP_ROLE), an HTTPS-only Application Load Balancer that routes by path, its certificate and origin name in
 * Route 53, and scaling from the stack. Tasks run in the private subnets (or the public ones, with an address, where
 * no NAT gateway gives egress), read-only, as the image's non-root user, with their credentials injected from
 * Secrets Manager.
 */
export class Backend extends pulumi.ComponentResource {
  readonly regions: Record<string, RegionBackend>;

  constructor(name: string, args: BackendArgs, opts?: pulumi.ComponentResourceOptions) {
    // Every decision that can refuse the args runs before any resource exists.
    const size = fargateTaskSize(args.vcpu, args.memoryGb);
    const ephemeralStorageGib = fargateEphemeralStorageGib(args.storageGb);
    const scaling = planScaling(args.instanceCount, args.autoscaling);
    const routing = planRouting(args.services);
    if (new Set(args.services).size !== args.services.length) throw new Error(`Backend "${name}": services lists a role twice (${args.services.join(", ")})`);
    if (args.regions.length === 0) throw new Error(`Backend "${name}": regions is empty; expected at least one serving region`);
    super("francaisfluide:backend:Backend", name, {}, opts);
    const settings = { ...BACKEND_DEFAULTS, ...stripUndefined(args) };

    this.regions = Object.fromEntries(
      args.regions.map((spec) => [spec.region, new RegionBuilder(this, name, spec, settings, { size, ephemeralStorageGib, scaling, routing }).build()]),
    );
    this.registerOutputs({ regions: this.regions });
  }
}

