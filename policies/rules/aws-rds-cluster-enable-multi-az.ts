import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";
import { refersTo } from "../lib/references.js";

/** An Aurora cluster survives a zone outage only with an instance to promote in another zone. */
export const awsRdsClusterEnableMultiAz: StackValidationPolicy = {
  name: "aws-rds-cluster-enable-multi-az",
  description: "From the uptime target multiAzFromUptimePercent (99.9 %) up, every Aurora cluster has at least two cluster instances in different availability zones.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["uptimeTargetPercent"], { multiAzFromUptimePercent: { type: "number", default: 99.9 } }),
  validateStack: (args, reportViolation) => {
    const { uptimeTargetPercent, multiAzFromUptimePercent } = args.getConfig<StackFacts & { multiAzFromUptimePercent: number }>();
    if (uptimeTargetPercent < multiAzFromUptimePercent) args.notApplicable(`uptime target ${uptimeTargetPercent} % is under ${multiAzFromUptimePercent} %`);
    const instances = args.resources.filter((resource) => resource.type === "aws:rds/clusterInstance:ClusterInstance");
    for (const cluster of args.resources.filter((resource) => resource.type === "aws:rds/cluster:Cluster")) {
      const members = instances.filter((instance) => refersTo(instance.props.clusterIdentifier, cluster, ["clusterIdentifier"]));
      const zones = new Set(members.flatMap((instance) => (typeof instance.props.availabilityZone === "string" ? [instance.props.availabilityZone] : [])));
      if (members.length < 2 || zones.size < 2) {
        reportViolation(
          `Aurora cluster ${cluster.name} has ${members.length} instance(s) in ${zones.size} named zone(s): at least two instances in different zones are required from ${multiAzFromUptimePercent} % uptime, and this stack targets ${uptimeTargetPercent} %`,
          cluster.urn,
        );
      }
    }
  },
};
