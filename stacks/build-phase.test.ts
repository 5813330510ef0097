import { describe, expect, it } from "vitest";
import { awsTypeTakesTags, gcpLabelArgument, REQUIRED_TAGS, UNTAGGED_PROVIDERS } from "../policies/lib/taggable.js";
import { synthesizeStack } from "../tools/offline/synthesize.js";

describe("the AWS tagging rule", () => {
  it("knows taggable AWS types from the SDK's declarations", () => {
    expect(["aws:ecs/service:Service", "aws:lb/listenerRule:ListenerRule", "aws:s3/bucket:Bucket"].every(awsTypeTakesTags)).toBe(true);
    expect(["aws:route53/record:Record", "aws:iam/rolePolicy:RolePolicy", "aws:s3/bucketPolicy:BucketPolicy", "aws:appautoscaling/policy:Policy"].some(awsTypeTakesTags)).toBe(false);
  });
});
function componentOfUrn(urn: string): string | undefined {
  return /::francaisfluide:([a-z-]+):/.exec(urn)?.[1];
}

describe.each(["phase1", "phase2", "phase3", "phase4"])("buildPhase for %s", (stack) => {
  it("tags every taggable resource with project, phase, component and cost-center", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const cloudResources = preview.steps.filter((s) => s.newState.custom && !s.newState.type.startsWith("pulumi:providers:"));
    expect(cloudResources.length).toBeGreaterThan(0);
    for (const step of cloudResources) {
      if (!step.newState.type.startsWith("aws:")) continue;
      if (UNTAGGED_PROVIDERS.some((prefix) => step.newState.type.startsWith(prefix))) continue;
      if (step.newState.type.startsWith("aws:") && !awsTypeTakesTags(step.newState.type)) continue;
      const tags = step.newState.inputs.tags as Record<string, string> | undefined;
      expect(Object.keys(tags ?? {}), step.urn).toEqual(expect.arrayContaining([...REQUIRED_TAGS]));
      expect(tags?.project).toBe("francaisfluide");
      expect(tags?.phase).toBe(stack);
      expect(tags?.["cost-center"]).toBe(config.costCenter);
      const component = /::francaisfluide:([a-z-]+):/.exec(step.urn)?.[1];
      expect(tags?.component, step.urn).toBe(component);
    }
  });

  it("labels GCP resources wherever their type takes labels, and every Kubernetes object, with the same four keys", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const expected = (urn: string) => ({ project: "francaisfluide", phase: stack, "cost-center": config.costCenter, component: componentOfUrn(urn) });
    const gcpResources = preview.steps.filter((s) => s.newState.custom && s.newState.type.startsWith("gcp:"));
    for (const step of gcpResources) {
      const argument = gcpLabelArgument(step.newState.type);
      if (argument !== undefined) expect(step.newState.inputs[argument], step.urn).toEqual(expected(step.urn));
    }
    if (gcpResources.length > 0) expect(gcpResources.filter((step) => gcpLabelArgument(step.newState.type) !== undefined).length).toBeGreaterThan(0);
    for (const step of preview.steps.filter((s) => s.newState.type.startsWith("kubernetes:"))) {
      expect((step.newState.inputs.metadata as { labels?: Record<string, string> }).labels, step.urn).toMatchObject(expected(step.urn));
    }
  });

  it("tags every Datadog resource with the four keys as key:value strings, and names every Sentry slug after the stack", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const datadogResources = preview.steps.filter((s) => s.newState.custom && s.newState.type.startsWith("datadog:"));
    expect(datadogResources.length > 0).toBe(config.monitoring.stack === "datadog");
    for (const step of datadogResources) {
      expect({ urn: step.urn, tags: step.newState.inputs.tags }).toEqual({
        urn: step.urn,
        tags: expect.arrayContaining(["project:francaisfluide", `phase:${stack}`, `component:${componentOfUrn(step.urn)}`, `cost-center:${config.costCenter}`]),
      });
    }
    const sentryResources = preview.steps.filter((s) => s.newState.custom && s.newState.type.startsWith("sentry:"));
    expect(sentryResources.length).toBeGreaterThan(0);
    for (const step of sentryResources) {
      expect(step.newState.inputs.organization).toBe(config.observability.sentryOrganization);
      expect(String(step.newState.inputs.slug ?? step.newState.inputs.project)).toMatch(new RegExp(`^francaisfluide-.*${stack}$`));
    }
  });

  it("keeps every Cloudflare resource in the stack's account: the zone there, everything else in that zone or account", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const cloudflareResources = preview.steps.filter((s) => s.newState.custom && s.newState.type.startsWith("cloudflare:"));
    const zones = cloudflareResources.filter((s) => s.newState.type === "cloudflare:index/zone:Zone");
    expect(zones.map((zone) => zone.newState.inputs.account)).toEqual([{ id: config.cdn.accountId }]);
    const zoneIds = new Set(cloudflareResources.flatMap((s) => (s.newState.inputs.zoneId === undefined ? [] : [s.newState.inputs.zoneId])));
    expect(zoneIds.size).toBe(1);
    for (const step of cloudflareResources.filter((s) => s !== zones[0])) {
      expect({ urn: step.urn, owner: step.newState.inputs.zoneId ?? step.newState.inputs.accountId }).toEqual({
        urn: step.urn,
        owner: step.newState.inputs.zoneId === undefined ? config.cdn.accountId : [...zoneIds][0],
      });
    }
  });

  it("hangs every Vercel resource off the stack's one project, in the stack's team", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const vercelResources = preview.steps.filter((s) => s.newState.type.startsWith("vercel:") || s.newState.type === "pulumi:providers:vercel");
    const [provider] = vercelResources.filter((s) => s.newState.type === "pulumi:providers:vercel");
    expect(provider?.newState.inputs.team).toBe(config.frontend.teamId);
    const projects = vercelResources.filter((s) => s.newState.type === "vercel:index/project:Project");
    expect(projects.map((project) => project.newState.inputs.name)).toEqual(["francaisfluide-web"]);
    const others = vercelResources.filter((s) => s.newState.custom && s.newState.type.startsWith("vercel:") && s !== projects[0]);
    expect(others.length).toBeGreaterThan(0);
    expect(new Set(others.map((s) => s.newState.inputs.projectId)).size).toBe(1);
  });

  it("describes security groups and their rules only in the characters EC2 accepts there (no apostrophe, no accent)", async () => {
    const { preview } = await synthesizeStack(stack);
    const described = preview.steps.filter((s) =>
      ["aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"].includes(s.newState.type),
    );
    expect(described.length).toBeGreaterThan(0);
    // EC2 API reference, CreateSecurityGroup and IpRange: a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*
    for (const step of described) expect({ urn: step.urn, description: step.newState.inputs.description }).toEqual({ urn: step.urn, description: expect.stringMatching(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/) });
  });

  it("exports the database's shards without a password", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const outputs = preview.steps.find((s) => s.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { database: { engine: string; shards: { id: string }[] } };
    expect(outputs.database.engine).toBe(config.database.engine);
    expect(outputs.database.shards.map((shard) => shard.id)).toEqual(config.database.shards.map((shard) => shard.id));
    expect(JSON.stringify(outputs)).not.toMatch(/password"\s*:|placeholder-password/i);
  });

  it("exports the phase and a network per region", async () => {
    const { config, preview } = await synthesizeStack(stack);
    const stackStep = preview.steps.find((s) => s.newState.type === "pulumi:pulumi:Stack");
    const outputs = stackStep?.newState.outputs as { phase: number; network: Record<string, { privateSubnetIds: string[] }> };
    expect(outputs.phase).toBe(config.phase);
    expect(Object.keys(outputs.network).sort()).toEqual(config.regions.map((r) => r.name).sort());
    for (const region of Object.values(outputs.network)) expect(region.privateSubnetIds.length).toBeGreaterThanOrEqual(2);
  });
});
