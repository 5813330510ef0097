import type { StackValidationPolicy } from "@pulumi/policy";
import { factSchema } from "../lib/facts.js";

export const awsCostStackConfigureMonthlyBudget: StackValidationPolicy = {
  name: "aws-cost-stack-configure-monthly-budget",
  description:
    "The stack's estimated monthly cost stays within monthlyBudgetMaxUsd. Advisory. There is no cost estimator yet: until there is, the rule reports itself not applicable on every stack.",
  enforcementLevel: "advisory",
  configSchema: factSchema(["monthlyBudgetMaxUsd"]),
  validateStack: (args) => {
    args.notApplicable("no cost estimator yet");
  },
};
