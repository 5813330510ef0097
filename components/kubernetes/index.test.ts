import { APP_DEFAULTS, isSecretVariable, loadAppConfig, renderSettingsEnvironment } from "@francaisfluide/app/config";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { beforeAll, describe, expect, it } from "vitest";
import { mockPhysicalId } from "../../tools/offline/mock-state.js";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../../tools/offline/synthesize.js";
import { cacheSettingsEnvironment, type CacheConnection } from "../cache.js";
import { databaseSettings, type DatabaseShardInfo } from "../database/index.js";
import { regionReplicaFloors } from "./workload.js";

type Step = PreviewDocument["steps"][number];
type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Kubernetes objects, checked by schema below

const LABELS = { project: "francaisfluide", phase: "phase4", component: "backend", "cost-center": "francaisfluide-platform" };
const PLACEHOLDER = "placeholder-not-a-secret";
const PLACEHOLDER_DSN = "https://placeholder@o0.ingest.sentry.io/0";

/** The kubernetes-models class that validates each type against the Kubernetes API schema. */
const SCHEMAS: Record<string, new (object: never) => { validate(): void }> = {
  "kubernetes:core/v1:Namespace": Namespace,
  "kubernetes:core/v1:ConfigMap": ConfigMap,
  "kubernetes:core/v1:Secret": Secret,
  "kubernetes:core/v1:Service": Service,
  "kubernetes:apps/v1:Deployment": Deployment,
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "kubernetes:policy/v1:PodDisruptionBudget": PodDisruptionBudget,
};

describe.each(["phase1", "phase2", "phase3"])("the backend of %s", (stack) => {
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ preview } = await synthesizeStack(stack));
  });

  it("has no Kubernetes: no cluster, no Kubernetes object, no GCP resource, no such provider or output", () => {
    const kubernetesTypes = preview.steps.filter((step) => /^(kubernetes:|gcp:|aws:eks\/|pulumi:providers:(kubernetes|gcp))/.test(step.newState.type));
    expect(kubernetesTypes.map((step) => step.urn)).toEqual([]);
    expect(preview.steps.filter((step) => step.urn.includes("francaisfluide:backend:KubernetesBackend"))).toEqual([]);
    const outputs = preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as Record<string, unknown>;
    expect(outputs.kubernetes).toBeUndefined();
  });
});

describe("the Kubernetes backend of phase4", () => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack("phase4"));
  });
  const inBackend = (step: Step) => step.urn.includes("::francaisfluide:backend:KubernetesBackend$");
  const ofType = (type: string) => preview.steps.filter((step) => step.newState.type === type && inBackend(step));
  const inputsOf = (step: Step) => step.newState.inputs as Inputs;
  const regions = () => config.regions.map((region) => region.name);
  const regionOf = (step: Step) => /aws-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1];
  /** `eks-us-east-1` or `gke`, from the Kubernetes provider the object was created with. */
  const clusterOf = (step: Step) => /kubernetes-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1];
  const kubernetesObjects = () => preview.steps.filter((step) => step.newState.type.startsWith("kubernetes:"));
  const objectIn = (cluster: string, type: string) => ofType(type).find((step) => clusterOf(step) === cluster) as Step;
  const clusters = () => [...regions().map((region) => `eks-${region}`), "gke"];
  const floors = () =>
    regionReplicaFloors({
      requestsPerMinute: config.targets.requestsPerMinute.min,
      requestsPerPodPerSecond: config.compute.autoscaling?.requestsPerTarget as number,
      instanceCountMin: config.compute.instanceCount.min,
      instanceCountMax: config.compute.instanceCount.max,
      regions: config.regions,
    }).floors;

  it("puts one EKS cluster in every serving region, its API on the private endpoint only, its secrets under a customer-managed key", () => {
    const eksClusters = ofType("aws:eks/cluster:Cluster");
    expect(eksClusters.map(regionOf).sort()).toEqual([...regions()].sort());
    for (const cluster of eksClusters) {
      const inputs = inputsOf(cluster);
      expect(inputs.vpcConfig, cluster.urn).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
      expect(inputs.vpcConfig.subnetIds).toHaveLength(config.regions[0]?.availabilityZones.length as number);
      expect(inputs.encryptionConfig.resources).toEqual(["secrets"]);
      expect(inputs.encryptionConfig.provider.keyArn).toMatch(new RegExp(`^arn:aws:kms:${regionOf(cluster)}:\\d{12}:key/`));
      expect(inputs.enabledClusterLogTypes).toEqual(expect.arrayContaining(["api", "audit", "authenticator"]));
      expect(inputs.accessConfig.authenticationMode).toBe("API");
    }
    const key = ofType("aws:kms/key:Key").find((step) => regionOf(step) === "us-east-1");
    expect(inputsOf(key as Step).enableKeyRotation).toBe(true);
  });

  it("gives the cluster role only AWS's managed EKS policy and the nodes only theirs", () => {
    expect(ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((step) => inputsOf(step).policyArn).sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
      "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    ]);
  });

  it("runs an on-demand and a spot node group per cluster, sized for the region's floor and the HPA's maximum", () => {
    for (const region of regions()) {
      const groups = ofType("aws:eks/nodeGroup:NodeGroup").filter((step) => regionOf(step) === region).map(inputsOf);
      expect(groups.map((group) => group.capacityType).sort()).toEqual(["ON_DEMAND", "SPOT"]);
      const onDemand = groups.find((group) => group.capacityType === "ON_DEMAND") as Inputs;
      const spot = groups.find((group) => group.capacityType === "SPOT") as Inputs;
      // Three 8-vCPU pods per 32-vCPU node: on-demand holds the floor in every zone, spot the rest up to the maximum.
      expect(onDemand.scalingConfig.minSize).toBe(Math.max(3, Math.ceil((floors()[region] as number) / 3)));
      expect(spot.scalingConfig).toMatchObject({ minSize: 0, maxSize: Math.ceil((config.compute.instanceCount.max - (floors()[region] as number)) / 3) });
      expect(spot.instanceTypes.length).toBeGreaterThan(onDemand.instanceTypes.length);
      for (const group of groups) expect(group.instanceTypes.every((type: string) => type.endsWith(".8xlarge"))).toBe(true);
    }
  });

  it("puts the nodes in the app tier's security group, which the database and the cache admit, through a launch template", () => {
    for (const region of regions()) {
      const template = inputsOf(ofType("aws:ec2/launchTemplate:LaunchTemplate").find((step) => regionOf(step) === region) as Step);
      expect(template.vpcSecurityGroupIds).toContain(mockPhysicalId("aws:ec2/securityGroup:SecurityGroup", `network-${region}-backend-sg`));
      expect(template.vpcSecurityGroupIds).toHaveLength(2);
      expect(template.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
      expect(template.blockDeviceMappings[0].ebs).toMatchObject({ encrypted: "true", volumeSize: config.compute.storageGb });
    }
  });

  it("runs GKE regionally on the REGULAR channel with Workload Identity, private nodes and endpoint, shielded nodes and Dataplane V2", () => {
    const [cluster] = ofType("gcp:container/cluster:Cluster").map(inputsOf);
    expect(cluster).toMatchObject({
      location: config.gcp?.region,
      releaseChannel: { channel: "REGULAR" },
      workloadIdentityConfig: { workloadPool: `${config.gcp?.project}.svc.id.goog` },
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
      enableShieldedNodes: true,
      datapathProvider: "ADVANCED_DATAPATH",
      removeDefaultNodePool: true,
      resourceLabels: LABELS,
    });
    const [pool] = ofType("gcp:container/nodePool:NodePool").map(inputsOf);
    const [account] = ofType("gcp:serviceaccount/account:Account").map(inputsOf);
    expect(pool?.autoscaling.minNodeCount).toBeGreaterThanOrEqual(1);
    expect(pool?.autoscaling.maxNodeCount).toBeGreaterThan(pool?.autoscaling.minNodeCount);
    expect(pool?.nodeConfig).toMatchObject({ serviceAccount: `${account?.accountId}@${config.gcp?.project}.iam.gserviceaccount.com`, workloadMetadataConfig: { mode: "GKE_METADATA" }, resourceLabels: LABELS });
    expect(ofType("gcp:projects/iAMMember:IAMMember").map((step) => inputsOf(step).role)).toEqual(["roles/container.defaultNodeServiceAccount"]);
  });

  it("builds the app's objects in every cluster, each with that cluster's Kubernetes provider and the four labels", () => {
    for (const type of ["Namespace", "ConfigMap", "Secret", "Service"].map((kind) => `kubernetes:core/v1:${kind}`).concat(["kubernetes:apps/v1:Deployment", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:policy/v1:PodDisruptionBudget"])) {
      expect(ofType(type).map(clusterOf).sort(), type).toEqual([...clusters()].sort());
    }
    for (const step of kubernetesObjects()) expect(inputsOf(step).metadata.labels, step.urn).toMatchObject(LABELS);
  });

  it("locks the pod down and probes it: non-root, read-only root with /tmp in memory, no escalation, no capability, RuntimeDefault seccomp", () => {
    for (const cluster of clusters()) {
      const pod = inputsOf(objectIn(cluster, "kubernetes:apps/v1:Deployment")).spec.template.spec;
      const [container] = pod.containers;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } });
      expect(container.securityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
      expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
      expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }]);
      expect(container.readinessProbe.httpGet).toEqual({ path: "/health/ready", port: "http" });
      expect(container.ports).toEqual([
        { name: "http", containerPort: APP_DEFAULTS.port, protocol: "TCP" },
        { name: "metrics", containerPort: APP_DEFAULTS.metricsPort, protocol: "TCP" },
      ]);
      expect(inputsOf(objectIn(cluster, "kubernetes:apps/v1:Deployment")).spec.template.metadata.annotations).toEqual({
        "prometheus.io/scrape": "true",
        "prometheus.io/port": String(APP_DEFAULTS.metricsPort),
        "prometheus.io/path": "/metrics",
      });
      // The Service, which the load balancer fronts, forwards the API's port only.
      const service = inputsOf(objectIn(cluster, "kubernetes:core/v1:Service"));
      expect(service.spec.ports.map((port: Inputs) => port.targetPort)).toEqual(["http"]);
      expect(container.livenessProbe.httpGet).toEqual({ path: "/health/live", port: "http" });
      expect(container.image).toBe(`${config.compute.image.repository}:${config.compute.image.tag}`);
      expect(container.resources).toEqual({ requests: { cpu: "8", memory: "16Gi" }, limits: { cpu: "8", memory: "16Gi" } });
      expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", maxSkew: 1 });
    }
  });

  it("scales each region between its share of the floor and instanceCountMax on CPU 70 % and memory 80 %, with a PDB of one pod", () => {
    const expectedMin: Record<string, number> = { "eks-us-east-1": 4, "eks-eu-west-1": 3, "eks-ap-southeast-1": 3, gke: config.compute.instanceCount.min };
    expect(Object.values(floors()).reduce((a, b) => a + b, 0)).toBe(10);
    for (const cluster of clusters()) {
      const spec = inputsOf(objectIn(cluster, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")).spec;
      expect(spec.minReplicas, cluster).toBe(expectedMin[cluster]);
      expect(spec.maxReplicas).toBe(20);
      expect(spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "api" });
      expect(spec.metrics.map((metric: Inputs) => [metric.resource.name, metric.resource.target.averageUtilization])).toEqual([["cpu", 70], ["memory", 80]]);
      expect(inputsOf(objectIn(cluster, "kubernetes:apps/v1:Deployment")).spec.replicas).toBeUndefined();
      expect(inputsOf(objectIn(cluster, "kubernetes:policy/v1:PodDisruptionBudget")).spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: "api" } } });
    }
  });

  it("exposes EKS through a public NLB ending TLS with the validated origin certificate, and GKE only internally", () => {
    for (const region of regions()) {
      const service = inputsOf(objectIn(`eks-${region}`, "kubernetes:core/v1:Service"));
      const annotations = service.metadata.annotations;
      expect(annotations["service.beta.kubernetes.io/aws-load-balancer-type"]).toBe("nlb");
      expect(annotations["service.beta.kubernetes.io/aws-load-balancer-internal"]).toBe("false");
      expect(annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"]).toMatch(new RegExp(`^arn:aws:acm:${region}:`));
      expect(annotations["service.beta.kubernetes.io/aws-load-balancer-healthcheck-path"]).toBe("/health/ready");
      expect(service.spec).toMatchObject({ type: "LoadBalancer", ports: [{ name: "https", port: 443, targetPort: "http" }] });
      const certificate = ofType("aws:acm/certificate:Certificate").find((step) => regionOf(step) === region) as Step;
      expect(inputsOf(certificate)).toMatchObject({ domainName: `api-${region}.origin.${config.cdn.domainName}`, validationMethod: "DNS" });
    }
    expect(inputsOf(objectIn("gke", "kubernetes:core/v1:Service")).metadata.annotations).toEqual({ "networking.gke.io/load-balancer-type": "Internal" });
  });

  it("points api-<region>.origin.<domain> at each region's load balancer, in the origin zone, and exports the origins", () => {
    const zoneId = mockPhysicalId("aws:route53/zone:Zone", "origin-dns-zone");
    const outputs = preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { kubernetes: { origins: { region: string; hostname: string; loadBalancerDnsName: string }[]; workloads: Record<string, { deploymentName: string }> } };
    expect(outputs.kubernetes.origins.map((origin) => origin.region)).toEqual(regions());
    for (const origin of outputs.kubernetes.origins) {
      const record = ofType("aws:route53/record:Record").map(inputsOf).find((inputs) => inputs.name === origin.hostname);
      expect(record).toMatchObject({ zoneId, type: "CNAME", records: [origin.loadBalancerDnsName] });
      expect(origin.loadBalancerDnsName).toMatch(/\.elb\.amazonaws\.com$/);
    }
    expect(Object.keys(outputs.kubernetes.workloads).sort()).toEqual([...clusters()].sort());
  });

  it("hands the app its settings through a ConfigMap and a Secret that its own loader accepts (secret values as placeholders)", () => {
    const outputs = preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { database: { shards: DatabaseShardInfo[] }; cache: Record<string, CacheConnection> };
    for (const region of regions()) {
      const cluster = `eks-${region}`;
      const configMap = inputsOf(objectIn(cluster, "kubernetes:core/v1:ConfigMap"));
      const secret = inputsOf(objectIn(cluster, "kubernetes:core/v1:Secret"));
      const container = inputsOf(objectIn(cluster, "kubernetes:apps/v1:Deployment")).spec.template.spec.containers[0];
      expect(secret.stringData).toBe("[secret]");
      // Generated names: a changed value replaces the object under a new name, which rolls the pods.
      expect(configMap.metadata.name).toBeUndefined();
      expect(container.envFrom).toEqual([{ configMapRef: { name: expect.stringMatching(new RegExp(`^backend-${cluster}-settings-[0-9a-f]{8}$`)) } }]);
      const secretNames: string[] = container.env.map((variable: Inputs) => {
        expect(variable.valueFrom.secretKeyRef.name).toMatch(new RegExp(`^backend-${cluster}-secret-settings-[0-9a-f]{8}$`));
        return variable.name;
      });
      for (const name of Object.keys(configMap.data)) expect({ name, secret: isSecretVariable(name) }).toEqual({ name, secret: false });
      expect(JSON.stringify(configMap.data)).not.toContain("offline-fake-password");
      // The secret part as the component renders it, with placeholder credentials.
      const placeholders = {
        ...renderSettingsEnvironment({ database: { shards: (databaseSettings(outputs.database.shards, undefined, { region }).shards ?? []).map((shard) => ({ ...shard, password: PLACEHOLDER })) } }),
        ...cacheSettingsEnvironment(outputs.cache[region] as CacheConnection, PLACEHOLDER),
        ...renderSettingsEnvironment({ telemetry: { sentry: { dsn: PLACEHOLDER_DSN } } }),
      } as Record<string, string>;
      expect(secretNames.sort()).toEqual(Object.keys(placeholders).filter(isSecretVariable).sort());
      const app = loadAppConfig({ ...configMap.data, ...Object.fromEntries(secretNames.map((name) => [name, placeholders[name]])) }, { cpuCount: 32 });
      expect(app).toMatchObject({ host: "0.0.0.0", port: 8080, metricsPort: APP_DEFAULTS.metricsPort, grammar: { workers: 8 }, redis: { mode: "cluster", tls: true, authToken: PLACEHOLDER } });
      expect(app.telemetry.sentry).toEqual({ dsn: PLACEHOLDER_DSN, environment: "phase4" });
      expect(configMap.data.SENTRY_ENVIRONMENT).toBe("phase4");
      expect(app.redis?.mode === "cluster" && app.redis.nodes).toEqual([`${outputs.cache[region]?.endpoint}:6379`]);
      expect(app.database.shards?.[0]?.readerUrl).toContain(`.${region}.rds.amazonaws.com`);
    }
  });

  it("gives every Kubernetes object a body that validates against the Kubernetes API schema (kubernetes-models)", () => {
    expect(kubernetesObjects().length).toBe(7 * clusters().length);
    for (const step of kubernetesObjects()) {
      const object = structuredClone(inputsOf(step));
      // The preview hides the Secret's values, and with them its shape: placeholders stand in.
      if (object.kind === "Secret") object.stringData = { REDIS_AUTH_TOKEN: PLACEHOLDER };
      const schema = SCHEMAS[step.newState.type];
      expect(schema, step.newState.type).toBeDefined();
      expect(() => new (schema as NonNullable<typeof schema>)(object as never).validate(), step.urn).not.toThrow();
    }
  });

  it("has its schema check fail on an object the API server would refuse", () => {
    const deployment = structuredClone(inputsOf(objectIn("eks-us-east-1", "kubernetes:apps/v1:Deployment")));
    deployment.spec.template.spec.containers[0].ports[0].containerPort = "8080";
    expect(() => new Deployment(deployment).validate()).toThrow(/containerPort/);
  });
});
