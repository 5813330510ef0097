import * as pulumi from "@pulumi/pulumi";
import type * as sentry from "@pulumiverse/sentry";
import type { StackTags } from "../tags.js";
import { type ApiMonitoring, type ApiMonitoringArgs, buildApiMonitoring } from "./datadog.js";
import { buildLogSearch, type LogSearch, type LogSearchArgs } from "./log-search.js";
import { buildErrorTracking } from "./sentry.js";

export { API_SERVICE, API_TRACE_METRIC, BURN_RATES, CHECK_SENTENCE, datadogTags, ERROR_BUDGET_SPENT_PERCENT, errorRateThresholdPercent, syntheticLocations } from "./datadog.js";
export { LOG_BYTES_PER_REQUEST, LOG_SEARCH_DEFAULTS, logDomainName, logSearchAccessPolicy, planLogSearchSize } from "./log-search.js";
export { sentrySlugs } from "./sentry.js";

export interface ObservabilityArgs {
  errorTracking: { organization: string; provider: sentry.Provider };
  /** The ELK stage: an OpenSearch domain for the logs, in the primary region. */
  logSearch?: LogSearchArgs;
  /** The Datadog stage: monitors, SLO and synthetic tests of the public API. */
  apiMonitoring?: ApiMonitoringArgs;
  tags: StackTags;
}

/**
 * What the team sees of the running API beyond CloudWatch: errors in Sentry from the first phase, its logs searchable
 * in OpenSearch (the seed's ELK), then Datadog's monitors, SLO and synthetic tests. Which stages exist is the
 * caller's choice; they do not exclude each other.
 */
export class Observability extends pulumi.ComponentResource {
  /** The app's SENTRY_DSN, secret. */
  readonly sentryDsn: pulumi.Output<string>;
  readonly logSearch: LogSearch | null;
  readonly apiMonitoring: ApiMonitoring | null;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("francaisfluide:monitoring:Observability", name, {}, opts);
    this.sentryDsn = buildErrorTracking(name, args.errorTracking, args.tags, this);
    this.logSearch = args.logSearch ? buildLogSearch(name, args.logSearch, args.tags, this) : null;
    this.apiMonitoring = args.apiMonitoring ? buildApiMonitoring(name, args.apiMonitoring, args.tags, this) : null;
    this.registerOutputs({ sentryDsn: this.sentryDsn, logSearch: this.logSearch, apiMonitoring: this.apiMonitoring });
  }
}
