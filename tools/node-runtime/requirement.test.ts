import { describe, expect, it } from "vitest";
import { nodeRequirementProblems, readNodeRequirement, type NodeRequirement } from "./requirement.js";

const supported: NodeRequirement = { supportedRange: ">=22", pinnedVersion: "24.21.0", devDependencyVersion: "24.21.0" };

describe("the repository's Node requirement", () => {
  const requirement = readNodeRequirement(new URL("../../", import.meta.url));

  it("is consistent: .node-version, the node dev dependency and engines.node agree", () => {
    expect(nodeRequirementProblems(requirement, requirement.pinnedVersion)).toEqual([]);
  });

  it("holds for the Node this suite runs under, which is the pinned one", () => {
    expect(nodeRequirementProblems(requirement, process.version)).toEqual([]);
    expect(process.version).toBe(`v${requirement.pinnedVersion}`);
  });
});

describe("nodeRequirementProblems", () => {
  it("rejects a Node below the floor, naming the version and how to run the pinned one", () => {
    expect(nodeRequirementProblems(supported, "v20.20.2")).toEqual([
      'running under Node v20.20.2, outside engines.node ">=22": run through npm (`npm test`, `npm run preview`), whose scripts find the pinned Node 24.21.0 in node_modules/.bin, after `npm ci`',
    ]);
  });

  it("accepts 22, the floor", () => {
    expect(nodeRequirementProblems(supported, "v22.0.0")).toEqual([]);
  });

  it("catches a pin that drifted from the dev dependency or left the supported range", () => {
    expect(nodeRequirementProblems({ ...supported, devDependencyVersion: "24.20.0" }, "v24.21.0")[0]).toMatch(
      /devDependencies.node is "24.20.0" but .node-version pins 24.21.0: run `npm install --save-dev --save-exact node@24.21.0`/,
    );
    expect(nodeRequirementProblems({ ...supported, pinnedVersion: "20.20.2", devDependencyVersion: "20.20.2" }, "v24.21.0")).toEqual([
      '.node-version pins Node 20.20.2, outside engines.node ">=22": pin a version the project supports',
    ]);
    expect(nodeRequirementProblems({ ...supported, pinnedVersion: "24", devDependencyVersion: "24" }, "v24.21.0")[0]).toMatch(/expected an exact version/);
  });

  it("names an engines.node that is not a range", () => {
    expect(nodeRequirementProblems({ ...supported, supportedRange: "twenty-two" }, "v24.21.0")).toEqual([
      'engines.node "twenty-two" in package.json is not a semver range: write one such as ">=22"',
    ]);
  });
});
