import { APP_DEFAULTS } from "@francaisfluide/app/config";
import { Monitor } from "@pulumi/datadog/monitor.js";
import type { Provider } from "@pulumi/datadog/provider.js";
import { ServiceLevelObjective } from "@pulumi/datadog/serviceLevelObjective.js";
import { SyntheticsTest } from "@pulumi/datadog/syntheticsTest.js";
import * as pulumi from "@pulumi/pulumi";
import { publicApiHostname, READINESS_PATH } from "../lib/origin.js";
import type { StackTags } from "../tags.js";

/**
 * Datadog runs managed synthetic locations in most AWS regions but not all: a serving region without one is probed
 * from its nearest neighbour (docs.datadoghq.com, "Synthetic Monitoring locations"; us-east-1 has none, Ohio does).
 */
const DATADOG_AWS_LOCATIONS = new Set([
  "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
  "eu-central-1", "eu-north-1", "eu-south-1", "eu-west-1", "eu-west-2", "eu-west-3",
  "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "me-south-1", "af-south-1",
]);
const NEAREST_DATADOG_LOCATION: Record<string, string> = { "us-east-1": "us-east-2" };
/** Paris: the French learners the product is for, whatever regions serve them. */
const AUDIENCE_LOCATION = "aws:eu-west-3";

/** Where the synthetic tests probe from: near each serving region, and from the audience's own country. */
export function syntheticLocations(regions: string[]): string[] {
  const locations = regions.map((region) => {
    const location = DATADOG_AWS_LOCATIONS.has(region) ? region : NEAREST_DATADOG_LOCATION[region];
    if (location === undefined) throw new Error(`No Datadog synthetic location near ${region}: add its nearest managed location to NEAREST_DATADOG_LOCATION`);
    return `aws:${location}`;
  });
  return [...new Set([...locations, AUDIENCE_LOCATION])];
}

/** Datadog tags are `key:value` strings; these carry the stack's four keys, as AWS tags do. */
export function datadogTags(tags: StackTags): string[] {
  return [`project:${tags.project}`, `phase:${tags.phase}`, "component:monitoring", `cost-center:${tags["cost-center"]}`];
}

/**
 * Google's SRE multi-window alerting: burning the error budget 14.4 times faster than it allows spends 2 % of a
 * 30-day budget in one hour (page); 6 times spends 5 % in six hours (warn).
 */
export const BURN_RATES = { critical: 14.4, warning: 6 };

/** The error rate, in percent, at which the given burn rate of the uptime target's error budget is reached. */
export function errorRateThresholdPercent(uptimePercent: number, burnRate: number): number {
  if (!(uptimePercent > 0 && uptimePercent < 100)) throw new Error(`uptimePercent must lie strictly between 0 and 100, found ${uptimePercent}`);
  return Number(((100 - uptimePercent) * burnRate).toPrecision(6));
}

/** Share of the 30-day error budget spent at which the availability monitor warns and alerts. */
export const ERROR_BUDGET_SPENT_PERCENT = { warning: 50, critical: 75 };

/**
 * The APM trace metrics Datadog derives from the app's OpenTelemetry server spans (the agent's OTLP intake names
 * HTTP server spans `http.server.request`): hits and errors are counts, the latency a distribution in seconds.
 */
export const API_TRACE_METRIC = "trace.http.server.request";
/** The app's OpenTelemetry service.name (its default, from the app's contract), which the traces and so the metrics carry. */
export const API_SERVICE = APP_DEFAULTS.serviceName;

/** A sentence with a known mistake ("des pomme" lacks its plural): the check must find it. */
export const CHECK_SENTENCE = "Il mange des pomme.";

export interface ApiMonitoringArgs {
  provider: Provider;
  domainName: string;
  /** The phase's serving regions, which the synthetic locations follow. */
  regions: string[];
  /** p95 latency target of the phase. */
  responseTimeMs: number;
  uptimePercent: number;
  /** E-mail addresses Datadog notifies (the stack's alert addresses), as `@address` handles in each message. */
  notify: string[];
}

export interface ApiMonitoring {
  sloId: pulumi.Output<string>;
  monitorIds: { latency: pulumi.Output<string>; errorRate: pulumi.Output<string>; availability: pulumi.Output<string>; readinessCheck: pulumi.Output<number>; grammarCheck: pulumi.Output<number> };
}

/**
 * Phase 4's Datadog: monitors of the API's p95 latency, error rate and availability (its 30-day error budget), an
 * availability SLO at the phase's uptime over 30 and 7 days, and synthetic API tests of the public endpoints.
 */
export function buildApiMonitoring(name: string, args: ApiMonitoringArgs, tags: StackTags, parent: pulumi.Resource): ApiMonitoring {
  const opts = { parent, provider: args.provider };
  const ddTags = datadogTags(tags);
  const scope = `{env:${tags.phase},service:${API_SERVICE}}`;
  const hits = `sum:${API_TRACE_METRIC}.hits${scope}.as_count()`;
  const errors = `sum:${API_TRACE_METRIC}.errors${scope}.as_count()`;
  const label = `FrançaisFluide ${tags.phase}`;
  const notified = (text: string) => `${text}\n\n${args.notify.map((address) => `@${address}`).join(" ")}`;

  const latency = new Monitor(`${name}-latency`, {
    name: `${label}: API p95 latency above ${args.responseTimeMs} ms`,
    type: "query alert",
    query: `percentile(last_5m):p95:${API_TRACE_METRIC}${scope} > ${args.responseTimeMs / 1000}`,
    monitorThresholds: { critical: String(args.responseTimeMs / 1000) },
    message: notified(`The API's p95 latency has been above the phase's ${args.responseTimeMs} ms target for 5 minutes. Check the slowest routes in APM, the database and cache latency, and the pods' CPU; scale out if the HPA is at its maximum.`),
    notifyNoData: false,
    requireFullWindow: false,
    tags: ddTags,
  }, opts);

  const critical = errorRateThresholdPercent(args.uptimePercent, BURN_RATES.critical);
  const warning = errorRateThresholdPercent(args.uptimePercent, BURN_RATES.warning);
  const errorRate = new Monitor(`${name}-error-rate`, {
    name: `${label}: API error rate above ${critical} %`,
    type: "query alert",
    query: `sum(last_1h):(${errors} / ${hits}) * 100 > ${critical}`,
    monitorThresholds: { critical: String(critical), warning: String(warning) },
    message: notified(`Over the last hour the API failed more than ${critical} % of its requests: the ${args.uptimePercent} % uptime target's error budget burns ${BURN_RATES.critical} times too fast (2 % of the month's budget in this hour). Find the failing route in APM and Sentry, roll back the last release if it started then.`),
    notifyNoData: false,
    requireFullWindow: false,
    tags: ddTags,
  }, opts);

  const slo = new ServiceLevelObjective(`${name}-availability`, {
    name: `${label}: API availability`,
    type: "metric",
    description: `Share of API requests that did not fail, against the phase's ${args.uptimePercent} % uptime target.`,
    query: { numerator: `${hits} - ${errors}`, denominator: hits },
    thresholds: ["30d", "7d"].map((timeframe) => ({ timeframe, target: args.uptimePercent })),
    timeframe: "30d",
    targetThreshold: args.uptimePercent,
    tags: ddTags,
  }, opts);

  const availability = new Monitor(`${name}-error-budget`, {
    name: `${label}: API availability error budget ${ERROR_BUDGET_SPENT_PERCENT.critical} % spent`,
    type: "slo alert",
    query: pulumi.interpolate`error_budget("${slo.id}").over("30d") > ${ERROR_BUDGET_SPENT_PERCENT.critical}`,
    monitorThresholds: { critical: String(ERROR_BUDGET_SPENT_PERCENT.critical), warning: String(ERROR_BUDGET_SPENT_PERCENT.warning) },
    message: notified(`${ERROR_BUDGET_SPENT_PERCENT.critical} % of the 30-day error budget of the ${args.uptimePercent} % availability SLO is spent: freeze risky releases until it recovers, and review the incidents that spent it.`),
    tags: ddTags,
  }, opts);

  const apiUrl = `https://${publicApiHostname(args.domainName)}`;
  const locations = syntheticLocations(args.regions);
  // One failing location is a probe's network; two are an outage. Two retries absorb a lost packet.
  const optionsList = { tickEvery: 60, minLocationFailed: 2, retry: { count: 2, interval: 1000 }, followRedirects: false, httpVersion: "any" };
  const readinessCheck = new SyntheticsTest(`${name}-readiness`, {
    name: `${label}: API ready`,
    type: "api",
    subtype: "http",
    status: "live",
    locations,
    requestDefinition: { method: "GET", url: `${apiUrl}${READINESS_PATH}`, timeout: 10 },
    assertions: [{ type: "statusCode", operator: "is", target: "200" }],
    optionsList,
    message: notified("The public API answers its readiness route with something else than 200 from two or more locations: a dependency is down or no region is healthy."),
    tags: ddTags,
  }, opts);
  const grammarCheck = new SyntheticsTest(`${name}-grammar-check`, {
    name: `${label}: LanguageTool check finds a mistake`,
    type: "api",
    subtype: "http",
    status: "live",
    locations,
    requestDefinition: { method: "POST", url: `${apiUrl}/v2/check`, body: new URLSearchParams({ text: CHECK_SENTENCE, language: "fr" }).toString(), bodyType: "application/x-www-form-urlencoded", timeout: 10 },
    assertions: [
      { type: "statusCode", operator: "is", target: "200" },
      // A first match with an offset: the engine ran and found the mistake, not merely answered.
      { type: "body", operator: "validatesJSONPath", targetjsonpath: { jsonpath: "$.matches[0].offset", operator: "moreThanOrEqual", targetvalue: "0" } },
    ],
    optionsList,
    message: notified(`POST /v2/check no longer finds the mistake in "${CHECK_SENTENCE}" from two or more locations: the grammar engine is down or broken.`),
    tags: ddTags,
  }, opts);

  return {
    sloId: slo.id,
    monitorIds: { latency: latency.id, errorRate: errorRate.id, availability: availability.id, readinessCheck: readinessCheck.monitorId, grammarCheck: grammarCheck.monitorId },
  };
}
