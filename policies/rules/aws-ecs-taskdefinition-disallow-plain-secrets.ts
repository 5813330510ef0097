import type { ResourceValidationPolicy } from "@pulumi/policy";
import { plainCredential } from "../lib/credentials.js";
import { asArray, asRecord } from "./security-lib.js";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

function containerDefinitions(value: unknown): unknown[] {
  if (typeof value !== "string") return asArray(value);
  try {
    return asArray(JSON.parse(value));
  } catch {
    return [];
  }
}

/**
 * No credential in a container's plain `environment` (secrets go in `secrets`, read from Secrets Manager or SSM): no
 * variable the app counts as a secret, none named like one (…PASSWORD, …TOKEN, …SECRET, …DSN), no URL with a password.
 * Tags of every resource are checked the same way, since they are readable by anyone who can list resources.
 */
export const awsEcsTaskdefinitionDisallowPlainSecrets: ResourceValidationPolicy = {
  name: "aws-ecs-taskdefinition-disallow-plain-secrets",
  description: "No ECS container environment variable, and no resource tag, holds a credential in plain text: secrets go in the container's secrets.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === TASK_DEFINITION) {
      for (const container of containerDefinitions(args.props.containerDefinitions).map(asRecord)) {
        for (const variable of asArray(container.environment).map(asRecord)) {
          const reason = plainCredential(String(variable.name ?? ""), variable.value);
          if (reason !== undefined) reportViolation(`Container ${String(container.name)} has ${reason} in its plain environment: move it to secrets.`);
        }
      }
    }
    for (const [key, value] of Object.entries(asRecord(args.props.tags))) {
      const reason = plainCredential(key, value);
      if (reason !== undefined) reportViolation(`Tag ${reason}: tags are not secret, remove it.`);
    }
  },
};
