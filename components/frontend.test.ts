import type * as vercel from "@pulumiverse/vercel";
import { beforeAll, describe, expect, it } from "vitest";
import { synthesizeStack, type PreviewDocument, type PreviewStep, type StackPreview } from "../tools/offline/synthesize.js";
import { type FrontendArgs, frontendArgProblems } from "./frontend.js";

describe.each(["phase1", "phase2", "phase3", "phase4"])("the front end of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  const ofType = (type: string): PreviewStep[] => preview.steps.filter((step) => step.urn.includes("francaisfluide:frontend:Frontend$") && step.newState.type === type);
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
  });

  it("is one Vercel project running its functions in the stack's regions, failing over where the plan allows", () => {
    const projects = ofType("vercel:index/project:Project");
    expect(projects.length).toBe(1);
    expect(projects[0]?.newState.inputs).toMatchObject({
      resourceConfig: { functionDefaultRegions: config.frontend.edgeRegions },
      functionFailover: config.frontend.plan === "enterprise",
    });
    expect(projects[0]?.newState.provider).toMatch(/::vercel::/);
  });

  it("calls the API through the CDN's public name, never an origin", () => {
    const [project] = ofType("vercel:index/project:Project");
    expect(project?.newState.inputs.environments).toEqual([
      expect.objectContaining({ key: "NEXT_PUBLIC_API_URL", value: `https://api.${config.cdn.domainName}`, sensitive: false, targets: ["production", "preview"] }),
    ]);
  });

  it("serves the apex and redirects www to it", () => {
    const domains = ofType("vercel:index/projectDomain:ProjectDomain").map((step) => step.newState.inputs);
    expect(domains.map(({ domain, redirect }) => [domain, redirect])).toEqual([
      [config.cdn.domainName, undefined],
      [`www.${config.cdn.domainName}`, config.cdn.domainName],
    ]);
  });
});

describe("frontendArgProblems", () => {
  const args: FrontendArgs = {
    domainName: "francaisfluide.fr",
    plan: "pro",
    regions: ["iad1", "sfo1", "lhr1"],
    apiUrl: "https://api.francaisfluide.fr",
    provider: undefined as unknown as vercel.Provider,
    tags: { project: "francaisfluide", phase: "phase2", "cost-center": "test" },
  };

  it("accepts the plan's region count and an HTTPS API", () => {
    expect(frontendArgProblems(args)).toEqual([]);
  });

  it("names the field of each contradiction", () => {
    expect(frontendArgProblems({ ...args, plan: "hobby", apiUrl: "http://api.francaisfluide.fr" })).toEqual([
      "regions: Vercel's hobby plan deploys functions to at most 1 region(s), found iad1, sfo1, lhr1",
      "apiUrl: the browser must call the API over HTTPS, found http://api.francaisfluide.fr",
    ]);
  });
});
