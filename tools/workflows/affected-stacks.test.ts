import { describe, expect, it } from "vitest";
import { affectedStacks, githubOutput, stacksTouchedBy } from "./affected-stacks.js";

const STACKS = ["phase1", "phase2", "phase3", "phase4"];

describe("stacksTouchedBy", () => {
  it.each([
    ["Pulumi.phase3.yaml", ["phase3"]],
    ["Pulumi.phase9.yaml", []],
    ["Pulumi.yaml", STACKS],
    ["components/database/index.ts", STACKS],
    ["stacks/build-phase.ts", STACKS],
    ["policies/rules/tags.ts", STACKS],
    ["app/src/server.ts", STACKS],
    ["package-lock.json", STACKS],
    [".node-version", STACKS],
    ["app/package.json", STACKS],
    ["README.md", []],
    ["tools/diff/run.ts", []],
    [".github/workflows/deploy.yml", []],
    ["docs/components/x.md", []],
    ["stacksfoo.ts", []],
  ])("%s touches %j", (path, stacks) => {
    expect(stacksTouchedBy(path, STACKS)).toEqual(stacks);
  });
});

describe("affectedStacks", () => {
  it("keeps the stacks' order and names what touches each", () => {
    const affected = affectedStacks(["README.md", "Pulumi.phase4.yaml", "Pulumi.phase2.yaml", "tools/cost/model.ts"], STACKS);
    expect([...affected]).toEqual([
      ["phase2", ["Pulumi.phase2.yaml"]],
      ["phase4", ["Pulumi.phase4.yaml"]],
    ]);
  });

  it("touches every stack once a component changes, and none for documentation only", () => {
    expect([...affectedStacks(["Pulumi.phase1.yaml", "components/cache/index.ts"], STACKS).keys()]).toEqual(STACKS);
    expect(affectedStacks(["README.md", ".github/workflows/test.yml"], STACKS).size).toBe(0);
  });

  it("writes one output per stack for the workflow's `if:`s, and the list", () => {
    expect(githubOutput(affectedStacks(["Pulumi.phase3.yaml"], STACKS), STACKS)).toBe("phase1=false\nphase2=false\nphase3=true\nphase4=false\nstacks=[\"phase3\"]");
  });
});
