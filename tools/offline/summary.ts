import type { PhaseConfig } from "../../stacks/config/index.js";
import type { PreviewDocument } from "./synthesize.js";

/** "francaisfluide:network:Network$aws:ec2/vpc:Vpc" → "network"; top-level resources → "(stack)". */
function componentOf(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  const top = qualifiedType.split("$")[0] ?? "";
  if (top.startsWith("pulumi:providers:")) return "(providers)";
  if (top.startsWith("francaisfluide:")) return top.split(":")[1] ?? top;
  return "(stack)";
}

export interface ResourceCount {
  component: string;
  type: string;
  count: number;
}

export function countResources(document: PreviewDocument): ResourceCount[] {
  const counts = new Map<string, ResourceCount>();
  for (const step of document.steps) {
    if (!step.newState.custom) continue;
    const component = componentOf(step.urn);
    const key = `${component}\u0000${step.newState.type}`;
    const entry = counts.get(key) ?? { component, type: step.newState.type, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.component.localeCompare(b.component) || a.type.localeCompare(b.type));
}

export function sizingLines(config: PhaseConfig): string[] {
  const { compute, database, cache, targets } = config;
  const scaling = compute.autoscaling
    ? `autoscaling ${compute.instanceCount.min}-${compute.instanceCount.max} per region at CPU ${compute.autoscaling.cpuTargetPercent} %, memory ${compute.autoscaling.memoryTargetPercent} %` +
      (compute.autoscaling.requestsPerTarget ? `, ${compute.autoscaling.requestsPerTarget} requests per target` : "")
    : `${compute.instanceCount.min} instance(s) per region, fixed`;
  return [
    `regions      ${config.regions.map((r) => `${r.name} (${r.trafficPercent} %, ${r.availabilityZones.length} AZs, ${r.vpcCidr})`).join(", ")}`,
    `egress       NAT gateways: ${config.network.natGateways}`,
    `compute      ${compute.platform}, ${compute.vcpu} vCPU / ${compute.memoryGb} GB / ${compute.storageGb} GB, ${scaling}`,
    `database     ${database.engine} ${database.instanceClass}, ${database.shards.length} shard(s): ${database.shards.map((s) => `${s.id}@${s.region} [${s.firstBucket}-${s.lastBucket}]`).join(", ")}, ${database.readersPerCluster} reader(s), backups ${database.backupRetentionDays} days`,
    `cache        ${cache.topology} ${cache.nodeType}, ${cache.shardCount} shard(s) x ${cache.replicasPerShard + 1} node(s)`,
    `recovery     ${config.disasterRecovery.level}` +
      (config.disasterRecovery.backupRegions.length > 0 ? `, copies in ${config.disasterRecovery.backupRegions.join(", ")}` : "") +
      (config.disasterRecovery.failoverTargetSeconds === undefined ? "" : `, traffic failover < ${config.disasterRecovery.failoverTargetSeconds} s`),
    `edge         Cloudflare ${config.cdn.plan}${config.cdn.cloudFront ? " + CloudFront" : ""}, Vercel ${config.frontend.plan} (${config.frontend.edgeRegions.join(", ")})`,
    `targets      ${targets.concurrentUsers.min}-${targets.concurrentUsers.max} concurrent users, ${targets.requestsPerMinute.min}-${targets.requestsPerMinute.max} req/min, < ${targets.responseTimeMs} ms, ${targets.uptimePercent} % uptime`,
    `budget       $${targets.monthlyBudgetUsd.min}-${targets.monthlyBudgetUsd.max} a month`,
  ];
}

export function formatSummary(config: PhaseConfig, document: PreviewDocument): string {
  const counts = countResources(document);
  const typeWidth = Math.max(4, ...counts.map((c) => c.type.length));
  const componentWidth = Math.max(9, ...counts.map((c) => c.component.length));
  const rows = counts.map((c) => `  ${c.component.padEnd(componentWidth)}  ${c.type.padEnd(typeWidth)}  ${String(c.count).padStart(5)}`);
  const total = counts.filter((c) => c.component !== "(providers)").reduce((sum, c) => sum + c.count, 0);
  return [
    `Offline preview of stack ${config.stack} (phase ${config.phase}, ${config.phaseName})`,
    "",
    ...sizingLines(config).map((line) => `  ${line}`),
    "",
    `  ${"component".padEnd(componentWidth)}  ${"type".padEnd(typeWidth)}  ${"count".padStart(5)}`,
    ...rows,
    "",
    `  ${total} cloud resources to create (${document.changeSummary.create} steps with components, providers and the stack)`,
  ].join("\n");
}
