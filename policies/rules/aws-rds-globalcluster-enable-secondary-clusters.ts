import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";
import { awsRegionOf, refersTo } from "../lib/references.js";

/** Phase 4 fails over between regions: the database must already be in the region traffic fails over to. */
export const awsRdsGlobalClusterEnableSecondaryClusters: StackValidationPolicy = {
  name: "aws-rds-globalcluster-enable-secondary-clusters",
  description: "From phase multiRegionDataFromPhase (4) on, the stack has an Aurora global database with member clusters in at least two regions (a primary and a secondary).",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["phase"], { multiRegionDataFromPhase: { type: "integer", default: 4 } }),
  validateStack: (args, reportViolation) => {
    const { phase, multiRegionDataFromPhase } = args.getConfig<StackFacts & { multiRegionDataFromPhase: number }>();
    if (phase < multiRegionDataFromPhase) args.notApplicable(`phase ${phase} is before phase ${multiRegionDataFromPhase}`);
    const globals = args.resources.filter((resource) => resource.type === "aws:rds/globalCluster:GlobalCluster");
    if (globals.length === 0) reportViolation(`no Aurora global database (aws:rds/globalCluster:GlobalCluster): a multi-region data tier is required from phase ${multiRegionDataFromPhase}`);
    const clusters = args.resources.filter((resource) => resource.type === "aws:rds/cluster:Cluster");
    for (const global of globals) {
      const members = clusters.filter((cluster) => refersTo(cluster.props.globalClusterIdentifier, global, ["globalClusterIdentifier"]));
      const regions = new Set(members.map((member) => awsRegionOf(member) ?? member.urn));
      if (regions.size < 2) reportViolation(`Aurora global database ${global.name} has members in ${regions.size} region(s): it needs a secondary cluster in another region`, global.urn);
    }
  },
};
