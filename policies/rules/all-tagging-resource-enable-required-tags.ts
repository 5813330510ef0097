import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REQUIRED_TAGS, tagsOf } from "../lib/taggable.js";

/** Hygiene that cost allocation and ownership depend on: every taggable resource names its project, phase, component and cost center. */
export const allTaggingResourceEnableRequiredTags: ResourceValidationPolicy = {
  name: "all-tagging-resource-enable-required-tags",
  description:
    "Every taggable resource carries the tags project, phase, component and cost-center: AWS tags (types whose args declare tags), GCP labels, Kubernetes metadata.labels, Datadog key:value tags; Cloudflare, Vercel, Sentry and random resources take none.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const found = tagsOf(args.type, args.props);
    if (!found.taggable) return;
    const missing = REQUIRED_TAGS.filter((key) => typeof found.tags[key] !== "string" || found.tags[key] === "");
    if (missing.length > 0) reportViolation(`${found.where} lacks ${missing.join(", ")}`);
  },
};
