import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];
import { factSchema, type StackFacts } from "../lib/facts.js";

/** Each phase admits its own sizes and the smaller ones of the phases before it; phase-4 sizes never reach phase 1. */
const DATABASE = [["db.t4g.micro", "db.t4g.small"], ["db.t4g.medium", "db.t4g.large"], ["db.r6g.large"], ["db.r6g.xlarge", "db.r6g.2xlarge"]];
const CACHE = [["cache.t4g.micro"], ["cache.t4g.small", "cache.t4g.medium"], [], ["cache.r6g.large", "cache.r6g.xlarge"]];
const NODES = [[], [], [], ["c7i.8xlarge", "c6i.8xlarge", "c7a.8xlarge", "c6a.8xlarge", "c5a.8xlarge"]];
const cumulative = (perPhase: string[][]) => Object.fromEntries(perPhase.map((_, index) => [String(index + 1), perPhase.slice(0, index + 1).flat()]));

interface Sizes {
  allowedInstanceClasses: Record<string, string[]>;
  allowedNodeTypes: Record<string, string[]>;
  allowedEksInstanceTypes: Record<string, string[]>;
  maximumTaskCpuUnits: Record<string, number>;
  maximumTaskMemoryMib: Record<string, number>;
}
const byPhase = (description: string, items: "strings" | "integer", defaults: Record<string, unknown>): PolicyConfigJSONSchema => ({
  type: "object",
  description,
  additionalProperties: items === "strings" ? { type: "array", items: { type: "string" } } : { type: "integer" },
  default: defaults,
});

/** Advisory: sizes are a cost choice a person may make for a reason this list does not know. */
export const awsCostInstanceConfigureAllowedSizes: ResourceValidationPolicy = {
  name: "aws-cost-instance-configure-allowed-sizes",
  description:
    "RDS and Aurora instanceClass, ElastiCache nodeType, EKS node group instanceTypes and ECS task cpu/memory stay within the sizes the config allows the phase (keyed by phase number; the defaults admit what each phase's stack uses and refuse later phases' sizes). Advisory: a person may size up for a reason.",
  enforcementLevel: "advisory",
  configSchema: factSchema(["phase"], {
    allowedInstanceClasses: byPhase("RDS/Aurora instance classes per phase", "strings", cumulative(DATABASE)),
    allowedNodeTypes: byPhase("ElastiCache node types per phase", "strings", cumulative(CACHE)),
    allowedEksInstanceTypes: byPhase("EKS node group instance types per phase", "strings", cumulative(NODES)),
    maximumTaskCpuUnits: byPhase("ECS task cpu units per phase", "integer", { "1": 1024, "2": 2048, "3": 4096, "4": 8192 }),
    maximumTaskMemoryMib: byPhase("ECS task memory (MiB) per phase", "integer", { "1": 2048, "2": 4096, "3": 8192, "4": 16384 }),
  }),
  validateResource: (args, reportViolation) => {
    const config = args.getConfig<StackFacts & Sizes>();
    const phase = String(config.phase);
    const check = (what: string, value: unknown, allowed: string[] | undefined) => {
      if (typeof value === "string" && !(allowed ?? []).includes(value)) reportViolation(`${what} ${value} is not allowed in phase ${phase} (allowed: ${(allowed ?? []).join(", ") || "none"})`);
    };
    switch (args.type) {
      case "aws:rds/instance:Instance":
      case "aws:rds/clusterInstance:ClusterInstance":
        return check("instance class", args.props.instanceClass, config.allowedInstanceClasses[phase]);
      case "aws:elasticache/replicationGroup:ReplicationGroup":
      case "aws:elasticache/cluster:Cluster":
        return check("node type", args.props.nodeType, config.allowedNodeTypes[phase]);
      case "aws:eks/nodeGroup:NodeGroup":
        for (const type of (args.props.instanceTypes ?? []) as string[]) check("EKS instance type", type, config.allowedEksInstanceTypes[phase]);
        return;
      case "aws:ecs/taskDefinition:TaskDefinition": {
        const cpu = Number(args.props.cpu ?? 0);
        const memory = Number(args.props.memory ?? 0);
        const maxCpu = config.maximumTaskCpuUnits[phase] ?? 0;
        const maxMemory = config.maximumTaskMemoryMib[phase] ?? 0;
        if (cpu > maxCpu) reportViolation(`task cpu ${cpu} units is over phase ${phase}'s ${maxCpu}`);
        if (memory > maxMemory) reportViolation(`task memory ${memory} MiB is over phase ${phase}'s ${maxMemory}`);
        return;
      }
    }
  },
};
