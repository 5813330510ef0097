import { describe, expect, it } from "vitest";
import {
  instanceZones,
  maxConnections,
  POSTGRES_ENGINE,
  readerAutoscalingBounds,
  RESERVED_CONNECTIONS,
  slowQueryThresholdMs,
  storageAutoscalingCeilingGb,
} from "./sizing.js";

describe("POSTGRES_ENGINE", () => {
  it("derives every version and parameter-group family from one major", () => {
    const major = String(POSTGRES_ENGINE.major);
    expect(POSTGRES_ENGINE.rdsVersion).toBe(major);
    expect(POSTGRES_ENGINE.auroraVersion.split(".")[0]).toBe(major);
    expect(POSTGRES_ENGINE.rdsParameterFamily).toBe(`postgres${major}`);
    expect(POSTGRES_ENGINE.auroraParameterFamily).toBe(`aurora-postgresql${major}`);
  });
});

describe("maxConnections", () => {
  it("admits every instance's pool, one more pool (or a quarter more) for a rolling deployment, and the reserved connections", () => {
    expect(maxConnections({ poolMax: 20, maxAppInstances: 1 })).toBe(20 + 20 + RESERVED_CONNECTIONS);
    expect(maxConnections({ poolMax: 20, maxAppInstances: 2 })).toBe(40 + 20 + RESERVED_CONNECTIONS);
    expect(maxConnections({ poolMax: 20, maxAppInstances: 30 })).toBe(600 + 150 + RESERVED_CONNECTIONS);
    expect(maxConnections({ poolMax: 20, maxAppInstances: 60 })).toBe(1200 + 300 + RESERVED_CONNECTIONS);
  });

  it("grows with the pool and with the fleet", () => {
    expect(maxConnections({ poolMax: 40, maxAppInstances: 10 })).toBeGreaterThan(maxConnections({ poolMax: 20, maxAppInstances: 10 }));
    expect(maxConnections({ poolMax: 20, maxAppInstances: 11 })).toBeGreaterThan(maxConnections({ poolMax: 20, maxAppInstances: 10 }));
  });

  it("refuses figures that are not whole and positive", () => {
    expect(() => maxConnections({ poolMax: 0, maxAppInstances: 2 })).toThrow("poolMax must be a whole number ≥ 1, found 0");
    expect(() => maxConnections({ poolMax: 20, maxAppInstances: 1.5 })).toThrow("maxAppInstances must be a whole number ≥ 1, found 1.5");
  });
});

describe("slowQueryThresholdMs", () => {
  it("logs statements that take a quarter of the response-time target, never under 100 ms", () => {
    expect(slowQueryThresholdMs(2000)).toBe(500);
    expect(slowQueryThresholdMs(500)).toBe(125);
    expect(slowQueryThresholdMs(200)).toBe(100);
  });
});

describe("storageAutoscalingCeilingGb", () => {
  it("lets storage grow fivefold, within gp3's 64 TiB", () => {
    expect(storageAutoscalingCeilingGb(20)).toBe(100);
    expect(storageAutoscalingCeilingGb(50_000)).toBe(65_536);
  });
});

describe("instanceZones", () => {
  it("puts the writer in the first zone and the readers round the others", () => {
    expect(instanceZones(["a", "b"], 1)).toEqual({ writer: "a", readers: ["b"] });
    expect(instanceZones(["a", "b", "c"], 3)).toEqual({ writer: "a", readers: ["b", "c", "b"] });
  });

  it("shares the only zone when there is one, and refuses none", () => {
    expect(instanceZones(["a"], 2)).toEqual({ writer: "a", readers: ["a", "a"] });
    expect(() => instanceZones([], 1)).toThrow("at least one availability zone");
  });
});

describe("readerAutoscalingBounds", () => {
  it("starts at the stack's readers and allows four times as many, within Aurora's 15 replicas", () => {
    expect(readerAutoscalingBounds(1)).toEqual({ min: 1, max: 4 });
    expect(readerAutoscalingBounds(5)).toEqual({ min: 5, max: 15 });
  });

  it("leaves a global database's primary one replica less per secondary region", () => {
    expect(readerAutoscalingBounds(4, 2)).toEqual({ min: 4, max: 13 });
    expect(() => readerAutoscalingBounds(14, 2)).toThrow("at most 13 readers");
  });

  it("needs a reader to scale from", () => {
    expect(() => readerAutoscalingBounds(0)).toThrow("at least one reader");
  });
});
