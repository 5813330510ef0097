import { describe, expect, it } from "vitest";
import { compareDocuments, diffValues } from "./compare.js";
import { preview, step } from "./fixtures.js";
import { forcesReplacement } from "./replacement.js";
import { renderJson, renderMarkdown, renderText } from "./render.js";

const vpc = (cidr = "10.0.0.0/16") => step("s", "aws:ec2/vpc:Vpc", "vpc", { cidrBlock: cidr, tags: { Name: "vpc" } });
const zone = (rules: unknown[]) => step("s", "cloudflare:index/ruleset:Ruleset", "waf", { rules, zoneId: "z1" });

describe("diffValues", () => {
  it("finds scalar, nested and array changes with their paths, keys sorted and indexes in order", () => {
    expect(diffValues({ b: 1, a: { x: [1, 2, 3] }, "k/v": "p" }, { b: 2, a: { x: [1, 5] }, "k/v": "q", c: true })).toEqual([
      { path: "a.x[1]", kind: "changed", before: 2, after: 5, secret: false },
      { path: "a.x[2]", kind: "removed", before: 3, secret: false },
      { path: "b", kind: "changed", before: 1, after: 2, secret: false },
      { path: "c", kind: "added", after: true, secret: false },
      { path: '["k/v"]', kind: "changed", before: "p", after: "q", secret: false },
    ]);
  });

  it("compares JSON held in strings inside, and two equal values as no change", () => {
    expect(diffValues({ p: '{"S":[{"a":1}]}' }, { p: '{"S":[{"a":2}]}' })).toEqual([{ path: "p(json).S[0].a", kind: "changed", before: 1, after: 2, secret: false }]);
    expect(diffValues({ a: [{ b: null }] }, { a: [{ b: null }] })).toEqual([]);
    expect(diffValues({ a: undefined, b: 1 }, { c: undefined, b: 1 })).toEqual([]);
    expect(diffValues({ a: undefined }, { a: 2 })).toEqual([{ path: "a", kind: "added", after: 2, secret: false }]);
  });

  it("marks a change involving a secret, and cannot see a change between two secrets", () => {
    expect(diffValues({ pw: "[secret]" }, { pw: "plain" })).toEqual([{ path: "pw", kind: "changed", before: "[secret]", after: "plain", secret: true }]);
    expect(diffValues({ pw: "[secret]" }, { pw: "[secret]" })).toEqual([]);
    expect(diffValues({}, { env: [{ value: "[secret]" }] })[0]).toMatchObject({ path: "env", kind: "added", secret: true });
  });
});

describe("compareDocuments", () => {
  it("lists added and removed resources, matched by URN across stacks", () => {
    const diff = compareDocuments(preview("phase1", [vpc()]), preview("phase1", [zone([])]));
    expect(diff.added).toEqual([{ key: "cloudflare:index/ruleset:Ruleset::waf", type: "cloudflare:index/ruleset:Ruleset", name: "waf" }]);
    expect(diff.removed).toEqual([{ key: "aws:ec2/vpc:Vpc::vpc", type: "aws:ec2/vpc:Vpc", name: "vpc" }]);
    expect(diff.summary).toEqual({ add: 1, change: 0, replace: 0, delete: 1, rename: 0 });
    expect(compareDocuments(preview("a", [vpc()]), { stack: "b", steps: [{ ...vpc(), urn: vpc().urn.replace(":s::", ":b::") }] }).changed).toEqual([]);
  });

  it("shows a change in a nested array down to the property path", () => {
    const diff = compareDocuments(preview("s", [zone([{ ttl: 60, action: "block" }])]), preview("s", [zone([{ ttl: 120, action: "block" }, { ttl: 5 }])]));
    expect(diff.changed).toEqual([
      {
        key: "cloudflare:index/ruleset:Ruleset::waf",
        type: "cloudflare:index/ruleset:Ruleset",
        name: "waf",
        replace: false,
        changes: [
          { path: "inputs.rules[0].ttl", kind: "changed", before: 60, after: 120, secret: false, replaces: false },
          { path: "inputs.rules[1]", kind: "added", after: { ttl: 5 }, secret: false, replaces: false },
        ],
      },
    ]);
  });

  it("calls a resource whose name changed but whose type and inputs did not a rename", () => {
    const renamed = { ...vpc(), urn: vpc().urn.replace("::vpc", "::main-vpc") };
    const diff = compareDocuments(preview("s", [vpc()]), preview("s", [renamed]));
    expect(diff.renamed).toEqual([{ type: "aws:ec2/vpc:Vpc", from: "vpc", to: "main-vpc", fromKey: "aws:ec2/vpc:Vpc::vpc", toKey: "aws:ec2/vpc:Vpc::main-vpc" }]);
    expect(diff.summary).toEqual({ add: 0, change: 0, replace: 0, delete: 0, rename: 1 });
    expect(renderText(diff)).toBe("s: 0 to add, 0 to change, 0 to delete, 1 rename\n> aws:ec2/vpc:Vpc vpc → main-vpc (rename)");
    // Different inputs: a delete and a create.
    const other = compareDocuments(preview("s", [vpc()]), preview("s", [{ ...vpc("10.1.0.0/16"), urn: renamed.urn }]));
    expect(other.summary).toMatchObject({ add: 1, delete: 1, rename: 0 });
  });

  it("marks a replacement where a changed property forces one", () => {
    const diff = compareDocuments(preview("s", [vpc()]), preview("s", [vpc("10.1.0.0/16")]));
    expect(diff.changed[0]).toMatchObject({ replace: true, changes: [{ path: "inputs.cidrBlock", replaces: true }] });
    expect(diff.summary.replace).toBe(1);
    expect(renderText(diff)).toContain('+- aws:ec2/vpc:Vpc vpc (replace)\n    inputs.cidrBlock: "10.0.0.0/16" → "10.1.0.0/16" [forces replacement]');
    expect(forcesReplacement("aws:ec2/vpc:Vpc", "inputs.tags.Name")).toBe(false);
    expect(forcesReplacement("aws:ecs/taskDefinition:TaskDefinition", "inputs.tags.Name")).toBe(true);
    expect(forcesReplacement("aws:rds/instance:Instance", "inputs.storageEncrypted")).toBe(true);
    expect(forcesReplacement("aws:rds/instance:Instance", "inputs.instanceClass")).toBe(false);
  });

  it("never prints a secret: a change involving one reads 'secret changed'", () => {
    const before = preview("s", [step("s", "aws:rds/instance:Instance", "db", { password: "[secret]", instanceClass: "db.t4g.micro" })]);
    const after = preview("s", [step("s", "aws:rds/instance:Instance", "db", { password: "hunter2", instanceClass: "db.t4g.micro" })]);
    const diff = compareDocuments(before, after);
    for (const text of [renderText(diff), renderMarkdown(diff)]) {
      expect(text).toContain("secret changed");
      expect(text).not.toContain("hunter2");
    }
  });

  it("gives an empty diff and a 'no changes' line for two equal previews", () => {
    const diff = compareDocuments(preview("s", [vpc(), zone([1])]), preview("s", [zone([1]), vpc()]));
    expect(diff.changed.length + diff.added.length + diff.removed.length + diff.renamed.length).toBe(0);
    expect(renderText(diff)).toBe("s: no changes");
    expect(renderMarkdown(diff)).toBe("**s: no changes**");
  });

  it("is stable: the same output twice, whatever the order of the steps", () => {
    const before = [vpc(), zone([1]), step("s", "aws:ec2/subnet:Subnet", "a", { cidrBlock: "10.0.1.0/24" })];
    const after = [vpc("10.2.0.0/16"), zone([2]), step("s", "aws:ec2/subnet:Subnet", "b", { cidrBlock: "10.0.2.0/24" })];
    const first = renderJson(compareDocuments(preview("s", before), preview("s", after)));
    expect(renderJson(compareDocuments(preview("s", before), preview("s", after)))).toBe(first);
    expect(renderJson(compareDocuments(preview("s", [...before].reverse()), preview("s", [...after].reverse())))).toBe(first);
  });
});

describe("renderMarkdown", () => {
  it("has a summary line, a collapsible block per type and a table of changed properties", () => {
    const diff = compareDocuments(preview("phase3", [vpc(), zone([{ ttl: 60 }])]), preview("phase3", [vpc("10.1.0.0/16"), zone([{ ttl: 120 }]), step("phase3", "aws:ec2/eip:Eip", "eip", { domain: "vpc" })]));
    expect(renderMarkdown(diff)).toBe(
      [
        "**phase3: 1 to add, 2 to change (1 replacement), 0 to delete, 0 renames**",
        "",
        "<details><summary><code>aws:ec2/eip:Eip</code>: 1 to add</summary>",
        "",
        "- ➕ `eip`",
        "",
        "</details>",
        "",
        "<details><summary><code>aws:ec2/vpc:Vpc</code>: 1 to change</summary>",
        "",
        "| resource | property | old | new | replace? |",
        "| --- | --- | --- | --- | --- |",
        '| `vpc` | `inputs.cidrBlock` | `"10.0.0.0/16"` | `"10.1.0.0/16"` | **yes** |',
        "",
        "</details>",
        "",
        "<details><summary><code>cloudflare:index/ruleset:Ruleset</code>: 1 to change</summary>",
        "",
        "| resource | property | old | new | replace? |",
        "| --- | --- | --- | --- | --- |",
        "| `waf` | `inputs.rules[0].ttl` | `60` | `120` | no |",
        "",
        "</details>",
      ].join("\n"),
    );
  });
});
