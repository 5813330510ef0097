import { loadAppConfig } from "@francaisfluide/app/config";
import { describe, expect, it } from "vitest";
import { autoscalingMetrics, containerResources, regionReplicaFloors, splitEnvironment } from "./workload.js";

const SEED_REGIONS = [
  { name: "us-east-1", trafficPercent: 40 },
  { name: "eu-west-1", trafficPercent: 30 },
  { name: "ap-southeast-1", trafficPercent: 30 },
];

describe("regionReplicaFloors", () => {
  it("sizes the total floor for the phase's lower traffic bound and splits it 40/30/30, rounding each share up", () => {
    const { totalFloor, floors } = regionReplicaFloors({ requestsPerMinute: 500_000, requestsPerPodPerSecond: 1000, instanceCountMin: 2, instanceCountMax: 20, regions: SEED_REGIONS });
    expect(totalFloor).toBe(9); // 500 000 / 60 = 8 334 requests a second, 1000 per pod
    expect(floors).toEqual({ "us-east-1": 4, "eu-west-1": 3, "ap-southeast-1": 3 });
    // Rounding each region up gives at least the total, never less.
    expect(Object.values(floors).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it("never goes below instanceCountMin in a quiet region", () => {
    const { floors } = regionReplicaFloors({ requestsPerMinute: 60_000, requestsPerPodPerSecond: 1000, instanceCountMin: 2, instanceCountMax: 20, regions: SEED_REGIONS });
    expect(floors).toEqual({ "us-east-1": 2, "eu-west-1": 2, "ap-southeast-1": 2 });
  });

  it("refuses floors above instanceCountMax, naming the regions and the figures", () => {
    expect(() => regionReplicaFloors({ requestsPerMinute: 6_000_000, requestsPerPodPerSecond: 1000, instanceCountMin: 2, instanceCountMax: 20, regions: SEED_REGIONS })).toThrow(
      "Replica floors us-east-1: 40, eu-west-1: 30, ap-southeast-1: 30 exceed instanceCountMax (20): 6000000 requests per minute at 1000 per pod per second need 100 pods",
    );
  });
});

describe("containerResources", () => {
  it("requests exactly the seed's instance and limits to it (Guaranteed QoS)", () => {
    expect(containerResources({ vcpu: 8, memoryGb: 16 })).toEqual({ requests: { cpu: "8", memory: "16Gi" }, limits: { cpu: "8", memory: "16Gi" } });
  });
});

describe("autoscalingMetrics", () => {
  it("scales on CPU and memory utilization, and on the request rate per pod only when a metric is served", () => {
    const [cpu, memory, ...rest] = autoscalingMetrics({ cpuPercent: 70, memoryPercent: 80 });
    expect(cpu).toEqual({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } });
    expect(memory).toEqual({ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } });
    expect(rest).toEqual([]);
    expect(autoscalingMetrics({ cpuPercent: 70, memoryPercent: 80, requestsPerPod: { name: "francaisfluide_http_requests_per_second", averageValue: 1000 } })[2]).toEqual({
      type: "Pods",
      pods: { metric: { name: "francaisfluide_http_requests_per_second" }, target: { type: "AverageValue", averageValue: "1000" } },
    });
  });
});

describe("splitEnvironment", () => {
  it("puts what may carry a credential in the secret part only, and the app loads both together", () => {
    const { plain, secret } = splitEnvironment({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATABASE_URL: "postgres://u@db:5432/ff?sslmode=verify-full",
      DATABASE_PASSWORD: "password-password",
      REDIS_URL: "rediss://cache:6379",
      REDIS_AUTH_TOKEN: "token-token-token-token",
    });
    expect(Object.keys(secret).sort()).toEqual(["DATABASE_PASSWORD", "REDIS_AUTH_TOKEN"]);
    expect(plain).toEqual({ PORT: "8080", HOST: "0.0.0.0", DATABASE_URL: "postgres://u@db:5432/ff?sslmode=verify-full", REDIS_URL: "rediss://cache:6379" });
    const config = loadAppConfig({ ...plain, ...secret }, { cpuCount: 1 });
    expect(config.host).toBe("0.0.0.0");
    expect(config.redis).toEqual({ mode: "single", url: "rediss://cache:6379", authToken: "token-token-token-token" });
  });
});
