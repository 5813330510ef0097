import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { configMap } from "../testing/secret-fixtures.js";
import { kubernetesCoreConfigmapDisallowSecrets as rule } from "./kubernetes-core-configmap-disallow-secrets.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes settings with a URL without a password, fails an app secret, a key named like a credential and a URL with a password", async () => {
    expect(await messages(rule, configMap())).toEqual([]);
    expect(await messages(rule, configMap({ REDIS_AUTH_TOKEN: "x", API_TOKEN: "y", DATABASE_SHARDS: JSON.stringify([{ writerUrl: "postgres://admin:pw@db:5432/app" }]) }))).toEqual([
      "ConfigMap backend-eks-us-east-1-settings: REDIS_AUTH_TOKEN is one of the app's secrets: move it to a Secret.",
      "ConfigMap backend-eks-us-east-1-settings: API_TOKEN is named like a credential: move it to a Secret.",
      "ConfigMap backend-eks-us-east-1-settings: DATABASE_SHARDS holds a URL with a password: move it to a Secret.",
    ]);
  });
});
