import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { resource } from "../testing/security-fixtures.js";
import { taskDefinition } from "../testing/secret-fixtures.js";
import { awsEcsTaskdefinitionDisallowPlainSecrets as rule } from "./aws-ecs-taskdefinition-disallow-plain-secrets.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes a URL without a password in the environment and a password in secrets", async () => {
    expect(await messages(rule, taskDefinition())).toEqual([]);
  });

  it("fails an app secret, a variable named like a credential, a URL with a password, and a credential in a tag", async () => {
    const violating = taskDefinition(
      [
        { name: "SENTRY_DSN", value: "https://key@o1.ingest.sentry.io/1" },
        { name: "DATABASE_PASSWORD_SHARD_2", value: "[secret]" },
        { name: "STRIPE_SECRET", value: "sk" },
        { name: "CACHE_URL", value: "rediss://default:hunter2@cache.example:6379" },
      ],
      { "admin-token": "abc" },
    );
    expect(await messages(rule, violating)).toEqual([
      "Container api has SENTRY_DSN is one of the app's secrets in its plain environment: move it to secrets.",
      "Container api has DATABASE_PASSWORD_SHARD_2 is one of the app's secrets in its plain environment: move it to secrets.",
      "Container api has STRIPE_SECRET is named like a credential in its plain environment: move it to secrets.",
      "Container api has CACHE_URL holds a URL with a password in its plain environment: move it to secrets.",
      "Tag admin-token is named like a credential: tags are not secret, remove it.",
    ]);
    expect(await messages(rule, resource("aws:s3/bucket:Bucket", "logs", { tags: { origin: "https://user:pass@example.com/" } }))).toEqual(["Tag origin holds a URL with a password: tags are not secret, remove it."]);
  });
});
