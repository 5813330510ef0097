import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";

/** Phase 4 fails over between regions: the cache must already be in the region traffic fails over to. */
export const awsElasticacheGlobalReplicationGroupEnableSecondaryGroups: StackValidationPolicy = {
  name: "aws-elasticache-globalreplicationgroup-enable-secondary-groups",
  description: "From phase multiRegionDataFromPhase (4) on, the stack has an ElastiCache global datastore with at least one secondary replication group joined to it.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["phase"], { multiRegionDataFromPhase: { type: "integer", default: 4 } }),
  validateStack: (args, reportViolation) => {
    const { phase, multiRegionDataFromPhase } = args.getConfig<StackFacts & { multiRegionDataFromPhase: number }>();
    if (phase < multiRegionDataFromPhase) args.notApplicable(`phase ${phase} is before phase ${multiRegionDataFromPhase}`);
    const globals = args.resources.filter((resource) => resource.type === "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup");
    if (globals.length === 0) reportViolation(`no ElastiCache global datastore (aws:elasticache/globalReplicationGroup:GlobalReplicationGroup): a multi-region data tier is required from phase ${multiRegionDataFromPhase}`);
    const groups = args.resources.filter((resource) => resource.type === "aws:elasticache/replicationGroup:ReplicationGroup");
    for (const global of globals) {
      // AWS names a global datastore with a region-specific prefix before the suffix the stack gives it.
      const suffix = global.props.globalReplicationGroupIdSuffix;
      const secondaries = groups.filter((group) => {
        const id = group.props.globalReplicationGroupId;
        return typeof id === "string" && typeof suffix === "string" && (id === suffix || id.endsWith(`-${suffix}`));
      });
      if (secondaries.length === 0) reportViolation(`ElastiCache global datastore ${global.name} has no secondary replication group`, global.urn);
    }
  },
};
