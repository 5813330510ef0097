import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { searchDomain } from "../testing/data-fixtures.js";
import { awsOpensearchDomainEnableEncryption as rule } from "./aws-opensearch-domain-enable-encryption.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes an encrypted HTTPS-only domain, fails each missing protection", async () => {
    expect(await messages(rule, searchDomain())).toEqual([]);
    expect(await messages(rule, searchDomain({ encryptAtRest: { enabled: false }, nodeToNodeEncryption: undefined, domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } }))).toEqual([
      "The search domain is not encrypted at rest: set encryptAtRest.enabled to true.",
      "The search domain's nodes talk in plain text: set nodeToNodeEncryption.enabled to true.",
      "The search domain accepts HTTP: set domainEndpointOptions.enforceHttps to true.",
      "The search domain's TLS policy Policy-Min-TLS-1-0-2019-07 is not one of Policy-Min-TLS-1-2-2019-07, Policy-Min-TLS-1-2-PFS-2023-10.",
    ]);
  });
});
