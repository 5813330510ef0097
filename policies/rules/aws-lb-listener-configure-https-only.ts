import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord } from "./security-lib.js";

interface Config {
  allowedSslPolicies: string[];
}

/** TLS 1.2+ policies of Elastic Load Balancing; the TLS13-1-2 ones also offer TLS 1.3. */
export const DEFAULT_SSL_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
];

export const awsLbListenerConfigureHttpsOnly: ResourceValidationPolicy = {
  name: "aws-lb-listener-configure-https-only",
  description: "Listeners serve HTTPS (or TLS) with an allowed TLS 1.2+ policy; an HTTP listener only redirects to HTTPS.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { allowedSslPolicies: { type: "array", items: { type: "string" }, default: DEFAULT_SSL_POLICIES } } },
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:lb/listener:Listener") return;
    const { allowedSslPolicies } = args.getConfig<Config>();
    const protocol = String(args.props.protocol ?? "HTTP").toUpperCase();
    if (protocol === "HTTPS" || protocol === "TLS") {
      const policy = args.props.sslPolicy;
      if (typeof policy !== "string" || !allowedSslPolicies.includes(policy)) reportViolation(`The ${protocol} listener's SSL policy ${String(policy ?? "(default)")} is not an allowed TLS 1.2+ policy.`);
      return;
    }
    const actions = asArray(args.props.defaultActions).map(asRecord);
    const redirects = actions.length > 0 && actions.every((action) => action.type === "redirect" && asRecord(action.redirect).protocol === "HTTPS");
    if (!redirects) reportViolation(`The ${protocol} listener on port ${String(args.props.port ?? "?")} serves traffic: make its default action a redirect to HTTPS.`);
  },
};
