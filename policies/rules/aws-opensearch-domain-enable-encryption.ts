import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asRecord } from "./security-lib.js";

interface Config {
  allowedTlsSecurityPolicies: string[];
}

export const awsOpensearchDomainEnableEncryption: ResourceValidationPolicy = {
  name: "aws-opensearch-domain-enable-encryption",
  description: "Search domains encrypt at rest and between nodes, and serve HTTPS only with a TLS 1.2+ policy.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedTlsSecurityPolicies: { type: "array", items: { type: "string" }, default: ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"] },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:opensearch/domain:Domain") return;
    const { allowedTlsSecurityPolicies } = args.getConfig<Config>();
    const props = args.props;
    if (asRecord(props.encryptAtRest).enabled !== true) reportViolation("The search domain is not encrypted at rest: set encryptAtRest.enabled to true.");
    if (asRecord(props.nodeToNodeEncryption).enabled !== true) reportViolation("The search domain's nodes talk in plain text: set nodeToNodeEncryption.enabled to true.");
    const endpoint = asRecord(props.domainEndpointOptions);
    if (endpoint.enforceHttps !== true) reportViolation("The search domain accepts HTTP: set domainEndpointOptions.enforceHttps to true.");
    if (typeof endpoint.tlsSecurityPolicy !== "string" || !allowedTlsSecurityPolicies.includes(endpoint.tlsSecurityPolicy))
      reportViolation(`The search domain's TLS policy ${String(endpoint.tlsSecurityPolicy ?? "(default)")} is not one of ${allowedTlsSecurityPolicies.join(", ")}.`);
  },
};
