import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

// Fixture rules for the runner's own tests (the pack's rules live in policies/rules/): one mandatory, one advisory,
// one stack rule and one that reads the stack facts, on a tiny hand-written preview document.

export const encryptedBuckets: ResourceValidationPolicy = {
  name: "test-s3-bucket-enable-encryption",
  description: "Fixture: buckets are encrypted.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type === "aws:s3/bucket:Bucket" && args.props.encrypted !== true) report("Bucket is not encrypted.");
  },
};

export const taggedResources: ResourceValidationPolicy = {
  name: "test-all-resources-configure-tags",
  description: "Fixture: every resource carries a project tag.",
  enforcementLevel: "advisory",
  validateResource: (args, report) => {
    if ((args.props.tags as Record<string, string> | undefined)?.project === undefined) report("Missing the project tag.");
  },
};

export const regionFacts: StackValidationPolicy = {
  name: "test-stack-configure-regions",
  description: "Fixture: reports the stack facts it receives when there are fewer buckets than regions.",
  enforcementLevel: "advisory",
  configSchema: { properties: { phase: { type: "integer", default: 1 }, regionCount: { type: "integer", default: 1 }, minimumBuckets: { type: "integer", default: 1 } } },
  validateStack: (args, report) => {
    const { phase, regionCount, minimumBuckets } = args.getConfig<{ phase: number; regionCount: number; minimumBuckets: number }>();
    const buckets = args.resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket").length;
    if (buckets < Math.max(regionCount, minimumBuckets)) report(`Phase ${phase}: ${buckets} bucket(s) for ${regionCount} region(s), at least ${minimumBuckets}.`);
  },
};

export const fixtureRules = [encryptedBuckets, taggedResources, regionFacts];

/** A preview document as `npm run preview -- --json` writes one, with the buckets given. */
export function fixturePreview(stack: string, buckets: { name: string; encrypted: boolean; tagged?: boolean }[]) {
  return {
    stack,
    steps: buckets.map(({ name, encrypted, tagged = true }) => {
      const urn = `urn:pulumi:${stack}::francaisfluide::aws:s3/bucket:Bucket::${name}`;
      return { op: "create", urn, newState: { urn, custom: true, type: "aws:s3/bucket:Bucket", inputs: { encrypted, ...(tagged ? { tags: { project: "francaisfluide" } } : {}) } } };
    }),
    changeSummary: { create: buckets.length },
    diagnostics: [],
  };
}
