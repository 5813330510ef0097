import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema, type StackFacts } from "../lib/facts.js";
import { awsRegionOf, regionOfArn } from "../lib/references.js";

/** Data safety: from phase 3 a region's loss must not take its backups with it. */
export const awsBackupPlanEnableCrossRegionCopies: StackValidationPolicy = {
  name: "aws-backup-plan-enable-cross-region-copies",
  description: "From phase crossRegionCopiesFromPhase (3) on, the stack has a backup plan, and every backup plan has a rule whose copyActions send recovery points to a vault in another region than the plan's.",
  enforcementLevel: "mandatory",
  configSchema: factSchema(["phase"], { crossRegionCopiesFromPhase: { type: "integer", default: 3 } }),
  validateStack: (args, reportViolation) => {
    const { phase, crossRegionCopiesFromPhase } = args.getConfig<StackFacts & { crossRegionCopiesFromPhase: number }>();
    if (phase < crossRegionCopiesFromPhase) args.notApplicable(`phase ${phase} is before phase ${crossRegionCopiesFromPhase}`);
    const plans = args.resources.filter((resource) => resource.type === "aws:backup/plan:Plan");
    if (plans.length === 0) reportViolation(`no AWS Backup plan: cross-region copies are required from phase ${crossRegionCopiesFromPhase}`);
    for (const plan of plans) {
      const region = awsRegionOf(plan);
      const rules = (plan.props.rules ?? []) as { copyActions?: { destinationVaultArn?: string }[] }[];
      const destinations = rules.flatMap((rule) => rule.copyActions ?? []).map((copy) => regionOfArn(copy.destinationVaultArn));
      if (!destinations.some((destination) => destination !== undefined && destination !== region)) {
        reportViolation(`backup plan ${plan.name} (${region ?? "unknown region"}) copies to no other region: cross-region copies are required from phase ${crossRegionCopiesFromPhase}`, plan.urn);
      }
    }
  },
};
