import { describe, expect, it } from "vitest";
import { servicesProblems } from "./compute.js";

describe("servicesProblems", () => {
  it("accepts one service, the whole split, or all beside part of it", () => {
    expect(servicesProblems(["all"])).toEqual([]);
    expect(servicesProblems(["grammar", "exercises", "analytics"])).toEqual([]);
    expect(servicesProblems(["all", "grammar"])).toEqual([]);
  });

  it("refuses a split that leaves routes without a service, a repeated service, and all with nothing left to serve", () => {
    expect(servicesProblems(["grammar", "exercises"])).toEqual([
      { key: "backendServices", message: "leaves the routes of analytics without a service: add them, or add all to serve what the others leave" },
    ]);
    expect(servicesProblems(["all", "all"])).toEqual([{ key: "backendServices", message: "lists all more than once: expected each service once" }]);
    expect(servicesProblems(["all", "grammar", "exercises", "analytics"])[0]?.message).toMatch(/^lists all beside every split role/);
  });
});
