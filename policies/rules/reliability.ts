import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allTaggingResourceEnableRequiredTags } from "./all-tagging-resource-enable-required-tags.js";
import { awsBackupPlanEnableCrossRegionCopies } from "./aws-backup-plan-enable-cross-region-copies.js";
import { awsCostInstanceConfigureAllowedSizes } from "./aws-cost-instance-configure-allowed-sizes.js";
import { awsCostStackConfigureMonthlyBudget } from "./aws-cost-stack-configure-monthly-budget.js";
import { awsEcsServiceConfigureMinimumTasks } from "./aws-ecs-service-configure-minimum-tasks.js";
import { awsEcsServiceEnableAutoscaling } from "./aws-ecs-service-enable-autoscaling.js";
import { awsElasticacheGlobalReplicationGroupEnableSecondaryGroups } from "./aws-elasticache-globalreplicationgroup-enable-secondary-groups.js";
import { awsLbLoadBalancerEnableDeletionProtection } from "./aws-lb-loadbalancer-enable-deletion-protection.js";
import { awsRdsClusterConfigureBackupRetention } from "./aws-rds-cluster-configure-backup-retention.js";
import { awsRdsClusterEnableDeletionProtection } from "./aws-rds-cluster-enable-deletion-protection.js";
import { awsRdsClusterEnableMultiAz } from "./aws-rds-cluster-enable-multi-az.js";
import { awsRdsGlobalClusterEnableSecondaryClusters } from "./aws-rds-globalcluster-enable-secondary-clusters.js";
import { awsRdsInstanceConfigureBackupRetention } from "./aws-rds-instance-configure-backup-retention.js";
import { awsRdsInstanceEnableDeletionProtection } from "./aws-rds-instance-enable-deletion-protection.js";
import { awsRdsInstanceEnableMultiAz } from "./aws-rds-instance-enable-multi-az.js";
import { cloudflareLoadBalancerConfigureFailoverTime } from "./cloudflare-loadbalancer-configure-failover-time.js";
import { kubernetesAppsDeploymentConfigureMinimumReplicas } from "./kubernetes-apps-deployment-configure-minimum-replicas.js";
import { kubernetesAppsDeploymentEnableAutoscaling } from "./kubernetes-apps-deployment-enable-autoscaling.js";

/** The reliability, cost and hygiene rules of the pack (issue 11). */
export const reliabilityRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  awsRdsInstanceEnableMultiAz,
  awsRdsClusterEnableMultiAz,
  awsEcsServiceConfigureMinimumTasks,
  kubernetesAppsDeploymentConfigureMinimumReplicas,
  awsEcsServiceEnableAutoscaling,
  kubernetesAppsDeploymentEnableAutoscaling,
  awsRdsInstanceEnableDeletionProtection,
  awsRdsClusterEnableDeletionProtection,
  awsLbLoadBalancerEnableDeletionProtection,
  awsRdsInstanceConfigureBackupRetention,
  awsRdsClusterConfigureBackupRetention,
  awsBackupPlanEnableCrossRegionCopies,
  awsRdsGlobalClusterEnableSecondaryClusters,
  awsElasticacheGlobalReplicationGroupEnableSecondaryGroups,
  cloudflareLoadBalancerConfigureFailoverTime,
  awsCostInstanceConfigureAllowedSizes,
  awsCostStackConfigureMonthlyBudget,
  allTaggingResourceEnableRequiredTags,
];
