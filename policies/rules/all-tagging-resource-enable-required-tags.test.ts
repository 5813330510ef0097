import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { deployment } from "../testing/kubernetes.js";
import { rdsInstance, resource } from "../testing/resources.js";
import { allTaggingResourceEnableRequiredTags as rule } from "./all-tagging-resource-enable-required-tags.js";

describe(rule.name, () => {
  it("requires the four keys where the type takes tags", async () => {
    expect(await runResourcePolicy(rule, rdsInstance())).toEqual([]);
    expect(await runResourcePolicy(rule, deployment())).toEqual([]);
    expect(await runResourcePolicy(rule, resource("aws:route53/record:Record", "api", {}))).toEqual([]);
    expect((await runResourcePolicy(rule, rdsInstance({ tags: { project: "francaisfluide" } }))).map((v) => v.message)).toEqual(["tags lacks phase, component, cost-center"]);
    expect((await runResourcePolicy(rule, resource("datadog:index/monitor:Monitor", "m", { tags: ["project:francaisfluide"] }))).map((v) => v.message)).toEqual(["tags lacks phase, component, cost-center"]);
  });
});
