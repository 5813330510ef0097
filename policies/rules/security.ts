import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { awsBackupVaultConfigureKmsKey } from "./aws-backup-vault-configure-kms-key.js";
import { awsEc2LaunchtemplateEnableVolumeEncryption } from "./aws-ec2-launchtemplate-enable-volume-encryption.js";
import { awsEc2SecuritygroupDisallowPublicIngress } from "./aws-ec2-securitygroup-disallow-public-ingress.js";
import { awsEcsTaskdefinitionDisallowPlainSecrets } from "./aws-ecs-taskdefinition-disallow-plain-secrets.js";
import { awsEksClusterDisallowPublicEndpoint } from "./aws-eks-cluster-disallow-public-endpoint.js";
import { awsElasticacheReplicationgroupEnableEncryption } from "./aws-elasticache-replicationgroup-enable-encryption.js";
import { awsIamPolicyDisallowWildcardActions } from "./aws-iam-policy-disallow-wildcard-actions.js";
import { awsLbListenerConfigureHttpsOnly } from "./aws-lb-listener-configure-https-only.js";
import { awsOpensearchDomainEnableEncryption } from "./aws-opensearch-domain-enable-encryption.js";
import { awsRdsClusterEnableStorageEncryption } from "./aws-rds-cluster-enable-storage-encryption.js";
import { awsRdsInstanceDisallowPublicAccess } from "./aws-rds-instance-disallow-public-access.js";
import { awsRdsInstanceEnableStorageEncryption } from "./aws-rds-instance-enable-storage-encryption.js";
import { awsS3BucketEnableServerSideEncryption } from "./aws-s3-bucket-enable-server-side-encryption.js";
import { cloudflareZoneConfigureTls } from "./cloudflare-zone-configure-tls.js";
import { gcpContainerClusterConfigurePrivateEndpoint } from "./gcp-container-cluster-configure-private-endpoint.js";
import { kubernetesAppsDeploymentConfigureResources } from "./kubernetes-apps-deployment-configure-resources.js";
import { kubernetesAppsDeploymentDisallowRootContainers } from "./kubernetes-apps-deployment-disallow-root-containers.js";
import { kubernetesCoreConfigmapDisallowSecrets } from "./kubernetes-core-configmap-disallow-secrets.js";

/** The security rules of the pack (issue 11). */
export const securityRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  awsRdsInstanceEnableStorageEncryption,
  awsRdsClusterEnableStorageEncryption,
  awsRdsInstanceDisallowPublicAccess,
  awsEc2SecuritygroupDisallowPublicIngress,
  awsIamPolicyDisallowWildcardActions,
  kubernetesAppsDeploymentDisallowRootContainers,
  kubernetesAppsDeploymentConfigureResources,
  awsElasticacheReplicationgroupEnableEncryption,
  awsBackupVaultConfigureKmsKey,
  awsOpensearchDomainEnableEncryption,
  awsLbListenerConfigureHttpsOnly,
  awsS3BucketEnableServerSideEncryption,
  awsEcsTaskdefinitionDisallowPlainSecrets,
  kubernetesCoreConfigmapDisallowSecrets,
  awsEksClusterDisallowPublicEndpoint,
  gcpContainerClusterConfigurePrivateEndpoint,
  cloudflareZoneConfigureTls,
  awsEc2LaunchtemplateEnableVolumeEncryption,
];
