import { beforeAll, describe, expect, it } from "vitest";
import { mockPhysicalId, mockResourceState } from "../../tools/offline/mock-state.js";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../../tools/offline/synthesize.js";
import { regionalApiHostname } from "../lib/origin.js";
import { ALARM_DEFAULTS, SEED_COST_ALERTS } from "./index.js";

type Step = PreviewDocument["steps"][number];
type Inputs = Record<string, unknown>;
interface MetricQuery { id: string; expression?: string; metric?: { metricName: string; dimensions: Record<string, string> } }

const nameOf = (step: Step) => step.urn.split("::").at(-1) as string;
const regionOf = (step: Step) => /aws-([a-z0-9-]+)::/.exec(step.newState.provider ?? "")?.[1] as string;
const stateOf = (step: Step) => mockResourceState(step.newState.type, nameOf(step), step.newState.inputs, regionOf(step)).state;
const BILLING_REGION = "us-east-1";

describe.each(["phase1", "phase2", "phase3", "phase4"])("the monitoring of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
  });
  const inMonitoring = (step: Step) => step.urn.includes("::francaisfluide:monitoring:Monitoring$");
  const ofType = (type: string, where: (step: Step) => boolean = inMonitoring) => preview.steps.filter((step) => step.newState.type === type && where(step));
  const alarms = () => ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
  const inputsOf = (step: Step) => step.newState.inputs as Inputs;
  const metricOf = (step: Step) => inputsOf(step).metricName as string | undefined;
  const queriesOf = (step: Step) => (inputsOf(step).metricQueries ?? []) as MetricQuery[];
  const alarmsOf = (metricName: string) => alarms().filter((a) => metricOf(a) === metricName || queriesOf(a).some((q) => q.metric?.metricName === metricName));
  const outputs = () => preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as Record<string, unknown>;
  const serving = () => config.regions.map((region) => region.name);
  const fargate = () => config.compute.platform === "fargate";
  const topics = () => ofType("aws:sns/topic:Topic");
  const topicArn = (step: Step) => stateOf(step).arn as string;

  it("alarms on the p95 response time in every serving region, above the next phase's trigger or, in the last phase, above its own target", () => {
    const limitMs = config.nextPhaseTrigger?.responseTimeMs ?? config.targets.responseTimeMs;
    const responseAlarms = alarms().filter((a) => metricOf(a) === (fargate() ? "TargetResponseTime" : "TimeToFirstByte"));
    expect(responseAlarms).toHaveLength(serving().length);
    for (const alarm of responseAlarms) {
      expect(inputsOf(alarm).extendedStatistic, alarm.urn).toBe("p95");
      // The load balancer times in seconds, Route 53 in milliseconds.
      expect(inputsOf(alarm).threshold, alarm.urn).toBe(fargate() ? limitMs / 1000 : limitMs);
    }
    if (!fargate()) {
      const regions = responseAlarms.map((a) => (inputsOf(a).dimensions as Record<string, string>).Region).sort();
      expect(regions).toEqual([...serving()].sort());
      const checks = ofType("aws:route53/healthCheck:HealthCheck");
      expect(checks.map((c) => inputsOf(c).fqdn).sort()).toEqual(serving().map((r) => regionalApiHostname(config.cdn.domainName, r)).sort());
      for (const check of checks) expect(inputsOf(check).measureLatency).toBe(true);
    }
  });

  it("alarms on the error rate as 5xx over requests, above the trigger, in phases with a next phase", () => {
    const errorAlarms = alarms().filter((a) => queriesOf(a).some((q) => q.expression?.includes("m2")));
    if (!config.nextPhaseTrigger) {
      expect(errorAlarms).toEqual([]);
      return;
    }
    expect(errorAlarms).toHaveLength(serving().length);
    for (const alarm of errorAlarms) {
      expect(inputsOf(alarm).threshold).toBe(config.nextPhaseTrigger.errorRatePercent);
      expect(queriesOf(alarm).map((q) => q.metric?.metricName ?? q.expression)).toEqual(["100 * (FILL(m0, 0) + FILL(m1, 0)) / m2", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "RequestCount"]);
    }
  });

  it("says the next phase is due when requests per minute reach the trigger, split by the regions' traffic, and never in the last phase", () => {
    const requestAlarms = alarms().filter((a) => metricOf(a) === "RequestCount");
    if (!config.nextPhaseTrigger) {
      expect(requestAlarms).toEqual([]);
      expect(alarms().filter((a) => String(inputsOf(a).alarmDescription).includes("trigger reached"))).toEqual([]);
      return;
    }
    expect(requestAlarms).toHaveLength(serving().length);
    const thresholds = requestAlarms.map((a) => inputsOf(a).threshold as number);
    expect(thresholds.reduce((a, b) => a + b, 0)).toBe(config.nextPhaseTrigger.requestsPerMinute);
    if (serving().length === 1) expect(thresholds).toEqual([config.nextPhaseTrigger.requestsPerMinute]);
    for (const alarm of requestAlarms) {
      expect(inputsOf(alarm)).toMatchObject({ statistic: "Sum", period: 60, comparisonOperator: "GreaterThanOrEqualToThreshold" });
      expect(inputsOf(alarm).alarmDescription).toContain(`phase ${config.phase} trigger reached: plan the migration to phase ${config.phase + 1}, see README`);
    }
  });

  it("gives every alarm an alarm and an OK action on its own region's encrypted topic", () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      const topic = topics().find((t) => regionOf(t) === regionOf(alarm) && nameOf(t).endsWith("-alerts")) as Step;
      expect(topic, alarm.urn).toBeDefined();
      expect(inputsOf(topic).kmsMasterKeyId, topic.urn).toMatch(/^arn:aws:kms:/);
      expect(inputsOf(alarm).alarmActions, alarm.urn).toEqual([topicArn(topic)]);
      expect(inputsOf(alarm).okActions, alarm.urn).toEqual([topicArn(topic)]);
      expect(String(inputsOf(alarm).alarmDescription).length, alarm.urn).toBeGreaterThan(60);
    }
  });

  it("lets CloudWatch use every alert key, and Budgets the billing region's, for this account only", () => {
    for (const policy of ofType("aws:kms/keyPolicy:KeyPolicy")) {
      const statements = (JSON.parse(inputsOf(policy).policy as string) as { Statement: { Sid: string; Principal: { Service?: string }; Condition?: unknown }[] }).Statement;
      const services = statements.flatMap((s) => (s.Principal.Service ? [s.Principal.Service] : []));
      expect(services, policy.urn).toEqual(regionOf(policy) === BILLING_REGION ? ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] : ["cloudwatch.amazonaws.com"]);
      for (const s of statements.filter((st) => st.Principal.Service)) expect(s.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
    }
  });

  it("watches every database copy's CPU and connections against the component's limit, and its replication lag where it replicates", () => {
    const maxConnections = (outputs().database as { maxConnections: number }).maxConnections;
    const instances = ofType("aws:rds/instance:Instance", () => true).map((s) => inputsOf(s).identifier);
    const clusters = ofType("aws:rds/cluster:Cluster", () => true).map((s) => inputsOf(s).clusterIdentifier);
    const named = (alarm: Step) => {
      const dims = inputsOf(alarm).dimensions as Record<string, string>;
      return dims.DBInstanceIdentifier ?? dims.DBClusterIdentifier;
    };
    const cpu = alarmsOf("CPUUtilization").filter((a) => inputsOf(a).namespace === "AWS/RDS");
    expect(new Set(cpu.map(named))).toEqual(new Set([...instances, ...clusters]));
    for (const alarm of alarmsOf("DatabaseConnections")) expect(inputsOf(alarm).threshold).toBe(Math.floor((maxConnections * ALARM_DEFAULTS.databaseConnectionsPercent) / 100));
    expect(alarmsOf("DatabaseConnections").map(named).sort()).toEqual(cpu.map(named).sort());
    const readers = config.database.engine !== "rds-postgres" && config.database.readersPerCluster > 0;
    const writerClusters = config.database.engine === "rds-postgres" ? 0 : config.database.engine === "aurora-global" ? 1 : clusters.length;
    expect(alarmsOf("AuroraReplicaLag")).toHaveLength(readers ? writerClusters : 0);
    expect(alarmsOf("AuroraGlobalDBReplicationLag").map(named).sort()).toEqual(config.database.engine === "aurora-global" ? clusters.filter((c) => !String(c).endsWith(`-${serving()[0] as string}`)).sort() : []);
    expect(alarmsOf("ReplicaLag")).toEqual([]); // RDS phases have no read replica, only a Multi-AZ standby, which reports no lag
  });

  it("watches every cache node's memory and the region's evictions", () => {
    const groups = ofType("aws:elasticache/replicationGroup:ReplicationGroup", () => true);
    for (const metricName of ["DatabaseMemoryUsagePercentage", "Evictions"]) {
      const byRegion = alarmsOf(metricName);
      expect(byRegion.map(regionOf).sort()).toEqual([...serving()].sort());
      for (const alarm of byRegion) {
        const group = groups.find((g) => regionOf(g) === regionOf(alarm)) as Step;
        const nodes = queriesOf(alarm).flatMap((q) => (q.metric ? [q.metric.dimensions.CacheClusterId] : []));
        const perShard = 1 + config.cache.replicasPerShard;
        expect(nodes, alarm.urn).toHaveLength(config.cache.topology === "cluster" || config.cache.topology === "global-datastore" ? config.cache.shardCount * perShard : perShard);
        for (const node of nodes) expect(node).toMatch(new RegExp(`^${mockPhysicalId(group.newState.type, nameOf(group))}-(\\d{4}-)?\\d{3}$`));
      }
    }
  });

  it("routes the seed's cost alerts as the seed says: $50 a day by e-mail, $1000 a month to Slack, $10000 a year by SMS", () => {
    const budgets = ofType("aws:budgets/budget:Budget");
    const slackTopic = topics().find((t) => nameOf(t).endsWith("-cost-slack"));
    const smsTopic = topics().find((t) => nameOf(t).endsWith("-cost-sms")) as Step;
    const budget = (timeUnit: string, limit: number) => budgets.find((b) => inputsOf(b).timeUnit === timeUnit && inputsOf(b).limitAmount === String(limit)) as Step;
    const notificationOf = (b: Step) => (inputsOf(b).notifications as Inputs[])[0] as Inputs;
    expect(notificationOf(budget("DAILY", SEED_COST_ALERTS.daily.usd))).toMatchObject({ subscriberEmailAddresses: config.monitoring.alerts.emails, threshold: 100, notificationType: "ACTUAL" });
    const monthly = notificationOf(budget("MONTHLY", SEED_COST_ALERTS.monthly.usd));
    if (config.monitoring.alerts.slack) expect(monthly.subscriberSnsTopicArns).toEqual([topicArn(slackTopic as Step)]);
    else expect(monthly).toMatchObject({ subscriberEmailAddresses: config.monitoring.alerts.emails });
    expect(notificationOf(budget("ANNUALLY", SEED_COST_ALERTS.annual.usd)).subscriberSnsTopicArns).toEqual([topicArn(smsTopic)]);
    const subscriptions = ofType("aws:sns/topicSubscription:TopicSubscription");
    expect(subscriptions.filter((s) => inputsOf(s).protocol === "sms").map((s) => [inputsOf(s).topic, inputsOf(s).endpoint])).toEqual([[topicArn(smsTopic), config.monitoring.alerts.smsNumber]]);
    for (const topic of [smsTopic, ...(slackTopic ? [slackTopic] : [])]) {
      const policy = ofType("aws:sns/topicPolicy:TopicPolicy").find((p) => inputsOf(p).arn === topicArn(topic)) as Step;
      expect(JSON.parse(inputsOf(policy).policy as string).Statement[1]).toMatchObject({ Principal: { Service: "budgets.amazonaws.com" }, Action: ["sns:Publish"] });
    }
  });

  it("budgets the phase's monthly ceiling with actual and forecast alerts at 80 and 100 %", () => {
    const phaseBudget = ofType("aws:budgets/budget:Budget").find((b) => nameOf(b).includes("phase-monthly")) as Step;
    expect(inputsOf(phaseBudget)).toMatchObject({ timeUnit: "MONTHLY", limitAmount: String(config.targets.monthlyBudgetUsd.max), limitUnit: "USD", budgetType: "COST" });
    const notifications = (inputsOf(phaseBudget).notifications as Inputs[]).map((n) => `${String(n.notificationType)} ${String(n.threshold)}`);
    expect(notifications.sort()).toEqual(["ACTUAL 100", "ACTUAL 80", "FORECASTED 100", "FORECASTED 80"]);
  });

  it("says where the phase's own spending makes a seed alert fire as a matter of course", () => {
    const conflicts = (outputs().monitoring as { costAlertConflicts: Record<string, string> }).costAlertConflicts;
    expect(Object.keys(conflicts).sort()).toEqual([
      ...(config.targets.monthlyBudgetUsd.min * 12 >= SEED_COST_ALERTS.annual.usd ? ["annual"] : []),
      ...(config.targets.monthlyBudgetUsd.min >= SEED_COST_ALERTS.monthly.usd ? ["monthly"] : []),
    ]);
  });

  it("reports spending anomalies weekly by e-mail", () => {
    const [subscription] = ofType("aws:costexplorer/anomalySubscription:AnomalySubscription");
    expect(inputsOf(subscription as Step)).toMatchObject({ frequency: "WEEKLY", subscribers: config.monitoring.alerts.emails.map((address) => ({ type: "EMAIL", address })) });
    expect(ofType("aws:costexplorer/anomalyMonitor:AnomalyMonitor")).toHaveLength(1);
  });

  it("draws a dashboard whose widgets name the phase's load balancers, databases and caches", () => {
    const [dashboard] = ofType("aws:cloudwatch/dashboard:Dashboard");
    const body = JSON.parse(inputsOf(dashboard as Step).dashboardBody as string) as { widgets: { type: string; properties: { region?: string; metrics?: unknown[][] } }[] };
    const named = new Set(body.widgets.flatMap((w) => (w.properties.metrics ?? []).flatMap((line) => line.filter((part): part is string => typeof part === "string"))));
    const backend = (outputs().backend ?? {}) as Record<string, { loadBalancerArnSuffix: string }>;
    for (const { loadBalancerArnSuffix } of Object.values(backend)) expect(named).toContain(loadBalancerArnSuffix);
    expect(Object.keys(backend)).toHaveLength(fargate() ? serving().length : 0);
    for (const step of ofType("aws:rds/cluster:Cluster", () => true)) expect(named).toContain(inputsOf(step).clusterIdentifier);
    for (const step of ofType("aws:rds/instance:Instance", () => true)) expect(named).toContain(inputsOf(step).identifier);
    for (const group of ofType("aws:elasticache/replicationGroup:ReplicationGroup", () => true)) expect([...named].some((n) => n.startsWith(`${mockPhysicalId(group.newState.type, nameOf(group))}-`))).toBe(true);
    expect(body.widgets.filter((w) => w.type === "metric")).toHaveLength(alarms().length);
  });

  it("posts to Slack through AWS Chatbot only where a channel is configured, with every alert topic", () => {
    const chatbot = ofType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration");
    const { slack } = config.monitoring.alerts;
    if (!slack) {
      expect(chatbot).toEqual([]);
      expect(topics().filter((t) => nameOf(t).endsWith("-cost-slack"))).toEqual([]);
      return;
    }
    expect(chatbot).toHaveLength(1);
    const inputs = inputsOf(chatbot[0] as Step);
    expect(inputs).toMatchObject({ slackTeamId: slack.workspaceId, slackChannelId: slack.channelId, guardrailPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"] });
    expect([...(inputs.snsTopicArns as string[])].sort()).toEqual(topics().filter((t) => !nameOf(t).endsWith("-cost-sms")).map(topicArn).sort());
  });
});
