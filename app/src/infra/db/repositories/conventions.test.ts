import { describe, expect, it } from "vitest";
import { clampListLimit, isUuid } from "./conventions.js";

describe("clampListLimit", () => {
  it("defaults to 50 and keeps limits between 1 and 500", () => {
    expect([undefined, Number.NaN, 0, -3, 7.9, 500, 10_000].map(clampListLimit)).toEqual([50, 50, 1, 1, 7, 500, 500]);
  });
});

describe("isUuid", () => {
  it("accepts uuids in either case and nothing else", () => {
    expect(isUuid("7c9e6679-7425-40de-944b-e07fc1f90ae7")).toBe(true);
    expect(isUuid("7C9E6679-7425-40DE-944B-E07FC1F90AE7")).toBe(true);
    expect(isUuid("conj:aller:ipre:1sg")).toBe(false);
    expect(isUuid("7c9e6679742540de944be07fc1f90ae7")).toBe(false);
  });
});
