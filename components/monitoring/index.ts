import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DatabaseMetricTarget } from "../database/types.js";
import { READINESS_PATH } from "../lib/origin.js";
import { resourceTags, type StackTags } from "../tags.js";
import { alertKeyPolicy, CHATBOT_GUARDRAIL_POLICY_ARN, chatbotNotificationPolicy, chatbotTrustPolicy, costTopicPolicy } from "./alerting.js";
import { ALARM_DEFAULTS, type AlarmSpec, type AlarmThresholds, cacheAlarms, type CacheTarget, databaseAlarms, latencyCheckAlarms, loadBalancerAlarms, type LoadBalancerTarget, MAX_ALARM_METRICS, type PhaseSignals } from "./alarms.js";
import { type BudgetPlan, planBudgets, SEED_COST_ALERTS, WASTE_REPORT_FREQUENCY } from "./budgets.js";
import { dashboardBody, type ResolvedAlarm } from "./dashboard.js";

export { ALARM_DEFAULTS, regionalShares, type AlarmSpec } from "./alarms.js";
export { planBudgets, SEED_COST_ALERTS, WASTE_REPORT_FREQUENCY } from "./budgets.js";
export { dashboardBody } from "./dashboard.js";

export interface MonitoringRegion {
  region: string;
  provider: aws.Provider;
  trafficPercent: number;
}

export interface MonitoringArgs {
  /** The serving regions, primary first: each gets its alert topic; the dashboard lives in the primary. */
  regions: MonitoringRegion[];
  /** us-east-1, where AWS Budgets, Cost Explorer, AWS Chatbot and Route 53's metrics answer. */
  billing: { region: string; provider: aws.Provider };
  alerts: { emails: string[]; slack?: { workspaceId: string; channelId: string }; smsNumber: string };
  signals: PhaseSignals;
  monthlyBudgetUsd: { min: number; max: number };
  /** Fargate phases: each region's application load balancer and its target groups by role. */
  loadBalancers?: Omit<LoadBalancerTarget, "trafficPercent">[];
  /** Kubernetes phases, behind NLBs that time nothing: each region's API hostname, timed by Route 53. */
  latencyChecks?: { region: string; hostname: string }[];
  database: { targets: DatabaseMetricTarget[]; maxConnections: number };
  caches: CacheTarget[];
  tags: StackTags;
  thresholds?: Partial<AlarmThresholds>;
}

/** Budgets take at most ten subscribers per notification, one of them the SNS topic. */
const MAX_BUDGET_EMAILS = 9;
/** Route 53 checks from at least three of its checker regions. */
const MIN_HEALTH_CHECKER_REGIONS = 3;
const HEALTH_CHECKER_FALLBACKS = ["us-east-1", "eu-west-1", "ap-southeast-1"];

interface RegionAlerting {
  key: aws.kms.Key;
  topic: aws.sns.Topic;
  accountId: pulumi.Output<string>;
}

/**
 * Alerts for the phase: the seed's scaling thresholds and the data tier's health as CloudWatch alarms, each to its
 * region's encrypted topic (e-mail, and Slack through AWS Chatbot where a channel is configured), one dashboard of
 * the same signals, and the seed's cost alerts as AWS Budgets with Cost Anomaly Detection's weekly report.
 */
export class Monitoring extends pulumi.ComponentResource {
  readonly alertTopicArns: Record<string, pulumi.Output<string>>;
  readonly costTopicArns: { slack?: pulumi.Output<string>; sms: pulumi.Output<string> };
  readonly dashboardName: pulumi.Output<string>;
  readonly alarmNames: pulumi.Output<string>[];
  /** The seed's cost alerts that the phase's own budget makes fire as a matter of course, and why they stay. */
  readonly costAlertConflicts: Record<string, string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = [
      ...(args.regions.length === 0 ? ["regions: expected at least one serving region"] : []),
      ...(args.alerts.emails.length === 0 ? ["alerts.emails: expected at least one address for the alarms and the daily budget"] : []),
      ...(args.alerts.emails.length > MAX_BUDGET_EMAILS ? [`alerts.emails: AWS Budgets takes at most ${MAX_BUDGET_EMAILS} addresses beside its topic, found ${args.alerts.emails.length}`] : []),
      ...(args.loadBalancers && args.latencyChecks ? ["loadBalancers and latencyChecks: a phase runs either behind load balancers that time responses or behind NLBs timed by Route 53, not both"] : []),
      ...(!args.loadBalancers && !args.latencyChecks ? ["loadBalancers or latencyChecks: one is needed to watch the API's response time"] : []),
      ...args.caches.filter((c) => c.nodeCount > MAX_ALARM_METRICS).map((c) => `caches: ${c.region} has ${c.nodeCount} nodes, more than the ${MAX_ALARM_METRICS} metrics one alarm reads; split the cache alarms by shard`),
      ...(args.loadBalancers ?? []).filter((lb) => !args.regions.some((r) => r.region === lb.region)).map((lb) => `loadBalancers: ${lb.region} is not among regions`),
    ];
    if (problems.length > 0) throw new Error(`Monitoring "${name}" has conflicting args:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    super("francaisfluide:monitoring:Monitoring", name, {}, opts);
    const thresholds = { ...ALARM_DEFAULTS, ...args.thresholds };
    const prefix = `${args.tags.project}-${args.tags.phase}`;
    const tags = (resourceName: string) => resourceTags(args.tags, "monitoring", `${args.tags.project}-${args.tags.phase}-${resourceName}`);
    const providers = new Map([[args.billing.region, args.billing.provider], ...args.regions.map((r) => [r.region, r.provider] as const)]);

    const alerting = new Map<string, RegionAlerting>();
    for (const [region, provider] of providers) alerting.set(region, this.regionAlerting(name, region, provider, region === args.billing.region, args, tags));
    const billing = alerting.get(args.billing.region) as RegionAlerting;
    this.alertTopicArns = Object.fromEntries([...alerting].map(([region, { topic }]) => [region, topic.arn]));

    const costOpts = { parent: this, provider: args.billing.provider };
    const costTopic = (channel: "slack" | "sms") => {
      const topic = new aws.sns.Topic(`${name}-cost-${channel}`, { kmsMasterKeyId: billing.key.arn, displayName: `FrancaisFluide cost alert`, tags: tags(`cost-${channel}`) }, costOpts);
      new aws.sns.TopicPolicy(`${name}-cost-${channel}-policy`, {
        arn: topic.arn,
        policy: pulumi.all([billing.accountId, topic.arn]).apply(([accountId, topicArn]) => JSON.stringify(costTopicPolicy({ accountId, topicArn }))),
      }, costOpts);
      return topic;
    };
    const smsTopic = costTopic("sms");
    new aws.sns.TopicSubscription(`${name}-cost-sms-subscription`, { topic: smsTopic.arn, protocol: "sms", endpoint: args.alerts.smsNumber }, costOpts);
    const slackTopic = args.alerts.slack ? costTopic("slack") : undefined;
    this.costTopicArns = { sms: smsTopic.arn, ...(slackTopic ? { slack: slackTopic.arn } : {}) };

    if (args.alerts.slack) this.chatbot(name, prefix, args.alerts.slack, billing, [...alerting.values()].map(({ topic }) => topic.arn).concat(slackTopic ? [slackTopic.arn] : []), costOpts, tags);

    const latencyTargets = (args.latencyChecks ?? []).map(({ region, hostname }) => {
      const checkerRegions = [...new Set([...args.regions.map((r) => r.region), ...HEALTH_CHECKER_FALLBACKS])].slice(0, Math.max(MIN_HEALTH_CHECKER_REGIONS, args.regions.length));
      const check = new aws.route53.HealthCheck(`${name}-${region}-latency-check`, {
        type: "HTTPS",
        fqdn: hostname,
        port: 443,
        resourcePath: READINESS_PATH,
        enableSni: true,
        measureLatency: true,
        requestInterval: 30,
        failureThreshold: 3,
        regions: checkerRegions,
        tags: tags(`${region}-latency-check`),
      }, costOpts);
      return { region, hostname, healthCheckId: check.id, metricsRegion: args.billing.region };
    });

    const trafficOf = new Map(args.regions.map((r) => [r.region, r.trafficPercent]));
    const alarms: AlarmSpec[] = [
      ...loadBalancerAlarms(args.signals, (args.loadBalancers ?? []).map((lb) => ({ ...lb, trafficPercent: trafficOf.get(lb.region) as number }))),
      ...latencyCheckAlarms(args.signals, latencyTargets),
      ...databaseAlarms(args.database.targets, args.database.maxConnections, thresholds),
      ...cacheAlarms(args.caches, thresholds),
    ];
    this.alarmNames = alarms.map((alarm) => {
      const region = alerting.get(alarm.region);
      if (!region) throw new Error(`Alarm ${alarm.key} reads region ${alarm.region}, which has no provider: add it to regions`);
      return this.alarm(name, prefix, alarm, region.topic, providers.get(alarm.region) as aws.Provider, tags).name;
    });

    const primary = args.regions[0] as MonitoringRegion;
    const dashboardTitle = `${args.tags.project} ${args.tags.phase}: ${args.signals.phaseLabel}`;
    const dashboard = new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
      dashboardName: `${args.tags.project}-${args.tags.phase}`,
      dashboardBody: pulumi.output(alarms.map(({ query, ...rest }) => pulumi.output(query).apply((resolved) => ({ ...rest, query: resolved })))).apply((resolved) => dashboardBody(dashboardTitle, resolved as ResolvedAlarm[])),
    }, { parent: this, provider: primary.provider });
    this.dashboardName = dashboard.dashboardName;

    const budgets = planBudgets(args.monthlyBudgetUsd, slackTopic !== undefined);
    for (const budget of budgets) this.budget(name, prefix, budget, args.alerts.emails, { sms: smsTopic.arn, ...(slackTopic ? { slack: slackTopic.arn } : {}) }, costOpts, tags);
    this.costAlertConflicts = Object.fromEntries(budgets.filter((b) => b.conflict !== undefined).map((b) => [b.key, b.conflict as string]));

    // Cost Anomaly Detection: one monitor of every service's spend, reported weekly by e-mail (the seed's waste
    // report); anomalies costing less than the seed's daily alert are noise at this scale.
    const monitor = new aws.costexplorer.AnomalyMonitor(`${name}-spend-anomalies`, {
      name: `${args.tags.project}-${args.tags.phase}-services`,
      monitorType: "DIMENSIONAL",
      monitorDimension: "SERVICE",
      tags: tags("spend-anomalies"),
    }, costOpts);
    new aws.costexplorer.AnomalySubscription(`${name}-waste-report`, {
      name: `${args.tags.project}-${args.tags.phase}-waste-report`,
      frequency: WASTE_REPORT_FREQUENCY,
      monitorArnLists: [monitor.arn],
      subscribers: args.alerts.emails.map((address) => ({ type: "EMAIL", address })),
      thresholdExpression: { dimension: { key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: [String(SEED_COST_ALERTS.daily.usd)] } },
      tags: tags("waste-report"),
    }, costOpts);

    this.registerOutputs({
      alertTopicArns: this.alertTopicArns,
      costTopicArns: this.costTopicArns,
      dashboardName: this.dashboardName,
      alarmNames: this.alarmNames,
      costAlertConflicts: this.costAlertConflicts,
    });
  }

  /** A region's alert key (its policy needs the account, read from the key's own ARN) and topic, e-mailed to every address. */
  private regionAlerting(name: string, region: string, provider: aws.Provider, budgets: boolean, args: MonitoringArgs, tags: (n: string) => Record<string, string>): RegionAlerting {
    const opts = { parent: this, provider };
    const key = new aws.kms.Key(`${name}-${region}-key`, {
      description: `${args.tags.project} ${args.tags.phase} alert topics in ${region}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: tags(`alerts-${region}-key`),
    }, opts);
    const accountId = key.arn.apply((arn) => arn.split(":")[4] as string);
    const keyPolicy = new aws.kms.KeyPolicy(`${name}-${region}-key-policy`, {
      keyId: key.id,
      policy: accountId.apply((id) => JSON.stringify(alertKeyPolicy({ accountId: id, budgets }))),
    }, opts);
    const topic = new aws.sns.Topic(`${name}-${region}-alerts`, {
      kmsMasterKeyId: key.arn,
      displayName: `FrancaisFluide alerts ${region}`,
      tags: tags(`alerts-${region}`),
    }, { ...opts, dependsOn: [keyPolicy] });
    args.alerts.emails.forEach((email, index) => {
      new aws.sns.TopicSubscription(`${name}-${region}-alerts-email-${index}`, { topic: topic.arn, protocol: "email", endpoint: email }, opts);
    });
    return { key, topic, accountId };
  }

  private chatbot(
    name: string,
    prefix: string,
    slack: { workspaceId: string; channelId: string },
    billing: RegionAlerting,
    topicArns: pulumi.Output<string>[],
    opts: pulumi.CustomResourceOptions,
    tags: (n: string) => Record<string, string>,
  ): void {
    const role = new aws.iam.Role(`${name}-chatbot-role`, {
      description: "AWS Chatbot: render the alarms it posts to Slack",
      assumeRolePolicy: billing.accountId.apply((id) => JSON.stringify(chatbotTrustPolicy(id))),
      tags: tags("chatbot-role"),
    }, opts);
    new aws.iam.RolePolicy(`${name}-chatbot-notifications`, { role: role.name, policy: billing.accountId.apply((id) => JSON.stringify(chatbotNotificationPolicy(id))) }, opts);
    new aws.chatbot.SlackChannelConfiguration(`${name}-slack`, {
      configurationName: `${prefix}-alerts`,
      iamRoleArn: role.arn,
      slackTeamId: slack.workspaceId,
      slackChannelId: slack.channelId,
      snsTopicArns: topicArns,
      guardrailPolicyArns: [CHATBOT_GUARDRAIL_POLICY_ARN],
      userAuthorizationRequired: true,
      loggingLevel: "ERROR",
      tags: tags("slack"),
    }, opts);
  }

  /** Alarm names are unique per account and region, shared by every stack deployed there: the stack's prefix keeps them apart. */
  private alarm(name: string, prefix: string, spec: AlarmSpec, topic: aws.sns.Topic, provider: aws.Provider, tags: (n: string) => Record<string, string>): aws.cloudwatch.MetricAlarm {
    const { query } = spec;
    const signal =
      query.kind === "metric"
        ? {
            namespace: query.metric.namespace,
            metricName: query.metric.metricName,
            dimensions: query.metric.dimensions,
            period: query.metric.period,
            ...(/^p\d/.test(query.metric.stat) ? { extendedStatistic: query.metric.stat } : { statistic: query.metric.stat }),
          }
        : {
            metricQueries: pulumi.output(query.metrics).apply((metrics) => [
              { id: "e0", expression: query.expression, label: query.label, returnData: true },
              ...metrics.map((metric, i) => ({ id: `m${i}`, metric: { namespace: metric.namespace, metricName: metric.metricName, dimensions: metric.dimensions, stat: metric.stat, period: metric.period } })),
            ]),
          };
    return new aws.cloudwatch.MetricAlarm(`${name}-${spec.key}`, {
      name: `${prefix}-${spec.key}`,
      alarmDescription: spec.description,
      comparisonOperator: spec.comparison,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      // No traffic, no errors and no lag are all fine; a missing health check status is not.
      treatMissingData: spec.comparison === "LessThanThreshold" ? "breaching" : "notBreaching",
      alarmActions: [topic.arn],
      okActions: [topic.arn],
      ...signal,
      tags: tags(spec.key),
    }, { parent: this, provider });
  }

  private budget(
    name: string,
    prefix: string,
    plan: BudgetPlan,
    emails: string[],
    topics: { slack?: pulumi.Output<string>; sms: pulumi.Output<string> },
    opts: pulumi.CustomResourceOptions,
    tags: (n: string) => Record<string, string>,
  ): void {
    const snsTopics = plan.channels.flatMap((channel) => (channel === "email" ? [] : [topics[channel] as pulumi.Output<string>]));
    new aws.budgets.Budget(`${name}-${plan.key}-budget`, {
      name: `${prefix}-${plan.key}-${plan.limitUsd}-usd`,
      budgetType: "COST",
      timeUnit: plan.timeUnit,
      limitAmount: String(plan.limitUsd),
      limitUnit: "USD",
      notifications: plan.notifications.map((notification) => ({
        notificationType: notification.notificationType,
        comparisonOperator: "GREATER_THAN",
        threshold: notification.thresholdPercent,
        thresholdType: "PERCENTAGE",
        ...(plan.channels.includes("email") ? { subscriberEmailAddresses: emails } : {}),
        ...(snsTopics.length > 0 ? { subscriberSnsTopicArns: snsTopics } : {}),
      })),
      tags: tags(`${plan.key}-budget`),
    }, opts);
  }
}
