import { ROLE_PATHS, type AppRole, type SplitRole } from "@francaisfluide/app/config";

/**
 * TLS 1.3 and 1.2 with forward-secret ciphers only and post-quantum key exchange: the policy the ELB console
 * picks by default today (Elastic Load Balancing guide, "Security policies for your Application Load Balancer").
 * The API's clients are browsers and LanguageTool plugins, all able to speak TLS 1.2 at least.
 */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

export interface ListenerRulePlan {
  role: SplitRole;
  priority: number;
  paths: readonly string[];
}

export interface RoutingPlan {
  /** The service the listener's default action forwards to: what no rule claims (health, docs, unknown paths). */
  defaultRole: AppRole;
  rules: ListenerRulePlan[];
}

/**
 * One rule per split service, in the app's own order (config/roles.ts: analytics' progress route before the
 * learners' prefix), ten apart so a rule can be slotted in between later. The default action goes to `all`
 * when the split leaves it some routes, else to the first service listed.
 */
export function planRouting(services: readonly AppRole[]): RoutingPlan {
  const [first] = services;
  if (first === undefined) throw new Error("The backend needs at least one service in services");
  const rules = ROLE_PATHS.filter(({ role }) => services.includes(role)).map(({ role, paths }, index) => ({ role, priority: (index + 1) * 10, paths }));
  // A load balancer rule takes at most five condition values.
  for (const rule of rules) if (rule.paths.length > 5) throw new Error(`The ${rule.role} service's rule has ${rule.paths.length} path patterns: a listener rule takes at most five`);
  return { defaultRole: services.includes("all") ? "all" : first, rules };
}

/**
 * Who writes a load balancer's access logs into its bucket: the Elastic Load Balancing account of the region for
 * regions opened before August 2022, the log delivery service elsewhere (Elastic Load Balancing guide, "Enable
 * access logs for your Application Load Balancer", bucket policy).
 */
const ELB_ACCOUNT_BY_REGION: Record<string, string> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-south-1": "718504428378",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "eu-south-1": "635631232127",
  "eu-north-1": "897822967062",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
};

export function elbLogDeliveryPrincipal(region: string): { AWS: string } | { Service: string } {
  const account = ELB_ACCOUNT_BY_REGION[region];
  return account === undefined ? { Service: "logdelivery.elasticloadbalancing.amazonaws.com" } : { AWS: `arn:aws:iam::${account}:root` };
}

/** Minutes to bring a deleted load balancer back: recreate it, its listeners and certificate, and let DNS follow. */
export const LOAD_BALANCER_REBUILD_MINUTES = 30;

/**
 * Deletion protection when losing the load balancer by mistake would cost more downtime than a month allows:
 * (100 - uptime) % of 30 days is 216 min at 99.5 %, 43 min at 99.9 %, 22 min at 99.95 %.
 */
export function loadBalancerDeletionProtection(uptimePercent: number): boolean {
  const monthlyDowntimeMinutes = ((100 - uptimePercent) / 100) * 30 * 24 * 60;
  return monthlyDowntimeMinutes < LOAD_BALANCER_REBUILD_MINUTES;
}
