import { isSecretVariable, type SettingVariable } from "@francaisfluide/app/config";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { READINESS_PATH } from "../lib/origin.js";

/** The app's liveness route: 200 while the process serves HTTP at all, whatever its dependencies. */
export const LIVENESS_PATH = "/health/live";
/** The `node` user of the app's image (app/Dockerfile): numeric, so the kubelet can check runAsNonRoot. */
const APP_USER_ID = 1000;
const APP_NAME = "api";

export interface ReplicaFloorArgs {
  /** The phase's lower bound of requests per minute, all regions together. */
  requestsPerMinute: number;
  /** Requests per second one pod serves at its scaling target. */
  requestsPerPodPerSecond: number;
  instanceCountMin: number;
  instanceCountMax: number;
  regions: { name: string; trafficPercent: number }[];
}

/**
 * Pods each region keeps however quiet it is. The total floor is what serves the phase's lower bound of traffic
 * at the per-pod target, ceil(requests per second / target): the phase is sized for at least that load, so it
 * must never wait for a scale-up to carry it. Each region takes its share of that total (the seed's 40/30/30
 * split), rounded up, and never less than instanceCountMin (two pods, so one pod's loss or eviction leaves one).
 * The seed's "1000 requests" per target is read per second: per minute, phase 4's 500K requests a minute would
 * need 500 pods, beyond its 3 regions × 20.
 */
export function regionReplicaFloors(args: ReplicaFloorArgs): { totalFloor: number; floors: Record<string, number> } {
  const totalFloor = Math.ceil(args.requestsPerMinute / 60 / args.requestsPerPodPerSecond);
  const floors = Object.fromEntries(
    args.regions.map((region) => [region.name, Math.max(args.instanceCountMin, Math.ceil((totalFloor * region.trafficPercent) / 100))]),
  );
  const tooHigh = Object.entries(floors).filter(([, floor]) => floor > args.instanceCountMax);
  if (tooHigh.length > 0) {
    throw new Error(
      `Replica floors ${tooHigh.map(([region, floor]) => `${region}: ${floor}`).join(", ")} exceed instanceCountMax (${args.instanceCountMax}): ` +
        `${args.requestsPerMinute} requests per minute at ${args.requestsPerPodPerSecond} per pod per second need ${totalFloor} pods; raise instanceCountMax or the per-pod target`,
    );
  }
  return { totalFloor, floors };
}

/**
 * One pod is one of the seed's instances: requests equal limits, so the pod is in the Guaranteed QoS class
 * (evicted last under node pressure) and node sizing can count whole pods.
 */
export function containerResources(instance: { vcpu: number; memoryGb: number }) {
  const quantities = { cpu: String(instance.vcpu), memory: `${instance.memoryGb}Gi` };
  return { requests: quantities, limits: quantities };
}

/** A custom metric some adapter serves to the HPA through the custom metrics API. */
export interface PodsMetric {
  name: string;
  averageValue: number;
}

/**
 * The HPA's metrics: CPU and memory utilization against the requests, and the request rate per pod where a
 * metrics adapter serves it. Without an adapter the HPA cannot read that metric and then refuses to scale down.
 */
export function autoscalingMetrics(targets: { cpuPercent: number; memoryPercent: number; requestsPerPod?: PodsMetric }) {
  const resource = (name: "cpu" | "memory", averageUtilization: number) => ({ type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } });
  return [
    resource("cpu", targets.cpuPercent),
    resource("memory", targets.memoryPercent),
    ...(targets.requestsPerPod === undefined
      ? []
      : [{ type: "Pods", pods: { metric: { name: targets.requestsPerPod.name }, target: { type: "AverageValue", averageValue: String(targets.requestsPerPod.averageValue) } } }]),
  ];
}

/** The app's variables split as the contract says: credentials (`isSecretVariable`) go to a Secret, the rest to a ConfigMap. */
export function splitEnvironment(environment: Partial<Record<SettingVariable, string>>) {
  const entries = Object.entries(environment) as [SettingVariable, string][];
  const isSecret = ([name]: [SettingVariable, string]) => isSecretVariable(name);
  return { plain: Object.fromEntries(entries.filter((entry) => !isSecret(entry))), secret: Object.fromEntries(entries.filter(isSecret)) };
}

/** How the outside world reaches the Service: the cloud's load balancer, by its annotations and port. */
export interface ServiceExposure {
  annotations: pulumi.Input<Record<string, pulumi.Input<string>>>;
  port: number;
  portName: string;
}

export interface WorkloadSpec {
  /** Short name of the cluster, in resource names: eks-us-east-1, gke. */
  cluster: string;
  provider: k8s.Provider;
  /** What the cluster needs before the app: nodes to run on, metrics for the HPA. */
  dependsOn: pulumi.Resource[];
  namespace: string;
  image: { repository: string; tag: string };
  instance: { vcpu: number; memoryGb: number };
  containerPort: number;
  /** Where the app serves /metrics: a named container port Prometheus finds by the pod's annotations; the Service leaves it out. */
  metricsPort: number;
  /** The app's variables, secret ones included (the Output is secret as soon as one of them is). */
  environment: pulumi.Output<Partial<Record<SettingVariable, string>>>;
  replicas: { min: number; max: number };
  autoscaling: { cpuPercent: number; memoryPercent: number; requestsPerPod?: PodsMetric };
  exposure: ServiceExposure;
  labels: Record<string, string>;
}

export interface WorkloadOutputs {
  namespace: string;
  deploymentName: string;
  horizontalPodAutoscalerName: string;
  serviceName: string;
  /** The load balancer's address from the Service's status: a DNS name on AWS, an IP address on GCP. */
  loadBalancerAddress: pulumi.Output<string>;
}

/** What a Prometheus with the usual `kubernetes-pods` scrape job reads to find the app's metrics server. */
export function prometheusScrapeAnnotations(metricsPort: number): Record<string, string> {
  return { "prometheus.io/scrape": "true", "prometheus.io/port": String(metricsPort), "prometheus.io/path": "/metrics" };
}

/** The app in one cluster: its namespace, settings, Deployment, Service, HPA and PodDisruptionBudget. */
export function buildWorkload(parent: pulumi.Resource, name: string, spec: WorkloadSpec): WorkloadOutputs {
  const prefix = `${name}-${spec.cluster}`;
  const opts = { parent, provider: spec.provider };
  const podLabels = { app: APP_NAME };
  const metadata = (objectName?: string, extra: Record<string, string> = {}) => ({
    ...(objectName === undefined ? {} : { name: objectName }),
    namespace: spec.namespace,
    labels: { ...spec.labels, ...podLabels, ...extra },
  });

  const namespace = new k8s.core.v1.Namespace(`${prefix}-namespace`, {
    metadata: {
      name: spec.namespace,
      // The restricted Pod Security Standard: the namespace refuses any pod less locked down than the app's.
      labels: { ...spec.labels, "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" },
    },
  }, { ...opts, dependsOn: spec.dependsOn });
  const inNamespace = { ...opts, dependsOn: [namespace] };

  // Variable names are not secret, values may be: the Secret's keys stay readable in the Deployment and previews.
  const split = spec.environment.apply(splitEnvironment);
  const secretNames = pulumi.unsecret(split.apply(({ secret }) => Object.keys(secret).sort()));
  // No metadata.name on either: a changed value replaces the object under a new generated name, and the
  // Deployment's reference to that name rolls the pods, which read their environment once at start.
  const configMap = new k8s.core.v1.ConfigMap(`${prefix}-settings`, {
    metadata: metadata(),
    immutable: true,
    data: pulumi.unsecret(split.apply(({ plain }) => plain)),
  }, inNamespace);
  const secret = new k8s.core.v1.Secret(`${prefix}-secret-settings`, {
    metadata: metadata(),
    immutable: true,
    type: "Opaque",
    stringData: pulumi.secret(split.apply(({ secret: values }) => values)),
  }, inNamespace);

  const deployment = new k8s.apps.v1.Deployment(`${prefix}-deployment`, {
    metadata: metadata(APP_NAME),
    spec: {
      // No replicas: the HPA owns the count, and a deployment of this program must not reset it.
      selector: { matchLabels: podLabels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...spec.labels, ...podLabels }, annotations: prometheusScrapeAnnotations(spec.metricsPort) },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: APP_USER_ID,
            runAsGroup: APP_USER_ID,
            fsGroup: APP_USER_ID,
            seccompProfile: { type: "RuntimeDefault" },
          },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: podLabels } },
            { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: podLabels } },
          ],
          containers: [{
            name: APP_NAME,
            image: `${spec.image.repository}:${spec.image.tag}`,
            imagePullPolicy: "IfNotPresent",
            ports: [
              { name: "http", containerPort: spec.containerPort, protocol: "TCP" },
              { name: "metrics", containerPort: spec.metricsPort, protocol: "TCP" },
            ],
            envFrom: [{ configMapRef: { name: configMap.metadata.name } }],
            env: secretNames.apply((names) => names.map((variable) => ({ name: variable, valueFrom: { secretKeyRef: { name: secret.metadata.name, key: variable } } }))),
            resources: containerResources(spec.instance),
            // Grammalecte's workers start in seconds, not instantly: liveness waits for the first success.
            startupProbe: { httpGet: { path: LIVENESS_PATH, port: "http" }, periodSeconds: 2, failureThreshold: 30 },
            livenessProbe: { httpGet: { path: LIVENESS_PATH, port: "http" }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
            readinessProbe: { httpGet: { path: READINESS_PATH, port: "http" }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
            securityContext: {
              runAsNonRoot: true,
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ["ALL"] },
            },
            // tsx and Node write their caches to the temporary directory, the only writable path.
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
          }],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }],
        },
      },
    },
  }, inNamespace);

  const service = new k8s.core.v1.Service(`${prefix}-service`, {
    metadata: { ...metadata(APP_NAME), annotations: spec.exposure.annotations },
    spec: {
      type: "LoadBalancer",
      selector: podLabels,
      ports: [{ name: spec.exposure.portName, port: spec.exposure.port, targetPort: "http", protocol: "TCP" }],
    },
  }, inNamespace);

  new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${prefix}-hpa`, {
    metadata: metadata(APP_NAME),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
      minReplicas: spec.replicas.min,
      maxReplicas: spec.replicas.max,
      metrics: autoscalingMetrics(spec.autoscaling),
    },
  }, inNamespace);

  // One pod at a time through voluntary disruptions (node drains, upgrades): the floor minus one keeps serving.
  new k8s.policy.v1.PodDisruptionBudget(`${prefix}-pdb`, {
    metadata: metadata(APP_NAME),
    spec: { maxUnavailable: 1, selector: { matchLabels: podLabels } },
  }, inNamespace);

  return {
    namespace: spec.namespace,
    deploymentName: APP_NAME,
    horizontalPodAutoscalerName: APP_NAME,
    serviceName: APP_NAME,
    loadBalancerAddress: service.status.apply((status) => {
      const ingress = status.loadBalancer?.ingress?.[0];
      const address = ingress?.hostname ?? ingress?.ip;
      if (address === undefined) throw new Error(`Service ${spec.namespace}/${APP_NAME} in ${spec.cluster} has no load balancer address in its status`);
      return address;
    }),
  };
}
