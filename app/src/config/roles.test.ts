import { describe, expect, it } from "vitest";
import { roleOfPath, roleServesPath } from "./roles.js";

describe("roleOfPath", () => {
  it("gives each route of the split API to its role, the progress route to analytics before the learners' prefix", () => {
    expect(roleOfPath("/v2/check")).toBe("grammar");
    expect(roleOfPath("/api/v1/corrections")).toBe("grammar");
    expect(roleOfPath("/api/v1/explanations/AGREEMENT")).toBe("grammar");
    expect(roleOfPath("/api/v1/learners/0b6e/progress")).toBe("analytics");
    expect(roleOfPath("/api/v1/learners/0b6e")).toBe("exercises");
    expect(roleOfPath("/api/v1/exercises/x/attempts")).toBe("exercises");
    expect(roleOfPath("/health/ready")).toBeUndefined();
    expect(roleOfPath("/api/v1/correctionsx")).toBeUndefined();
  });

  it("lets every role serve health, metrics and docs", () => {
    for (const role of ["grammar", "exercises", "analytics"] as const) {
      expect(["/health/ready", "/docs/json"].every((path) => roleServesPath(role, path))).toBe(true);
    }
    expect(roleServesPath("analytics", "/v2/check")).toBe(false);
    expect(roleServesPath("all", "/v2/check")).toBe(true);
  });
});
