import { beforeAll, describe, expect, it } from "vitest";
import { synthesizeStack, type PreviewDocument, type PreviewStep, type StackPreview } from "../../tools/offline/synthesize.js";
import { mockPhysicalId } from "../../tools/offline/mock-state.js";
import { BURN_RATES, CHECK_SENTENCE, errorRateThresholdPercent, planLogSearchSize, syntheticLocations } from "./index.js";

const COMPONENT = "francaisfluide:monitoring:Observability";

describe.each(["phase1", "phase2", "phase3", "phase4"])("the observability block of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  let ofType: (type: string) => PreviewStep[];
  let outputs: Record<string, unknown>;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
    ofType = (type) => preview.steps.filter((step) => step.newState.type === type && step.urn.includes(`${COMPONENT}$`));
    outputs = preview.steps.find((step) => step.newState.type === "pulumi:pulumi:Stack")?.newState.outputs ?? {};
  });

  it("tracks the API's errors in a Sentry project of the stack's organization, with one client key", () => {
    const [team] = ofType("sentry:index/sentryTeam:SentryTeam");
    const [project] = ofType("sentry:index/sentryProject:SentryProject");
    const keys = ofType("sentry:index/sentryKey:SentryKey");
    expect(project?.newState.inputs).toMatchObject({ organization: config.observability.sentryOrganization, platform: "node", slug: `francaisfluide-api-${stack}`, teams: [team?.newState.inputs.slug] });
    expect(keys.map((key) => key.newState.inputs)).toEqual([expect.objectContaining({ organization: config.observability.sentryOrganization, project: project?.newState.inputs.slug })]);
    expect(keys[0]?.newState.provider).toMatch(/::pulumi:providers:sentry::sentry::/);
  });

  it("exports the DSN as a secret, never in plain text anywhere in the preview", () => {
    expect(outputs.sentryDsn).toBe("[secret]");
    expect(JSON.stringify(preview)).not.toMatch(/ingest\.sentry\.io/);
  });

  it("has an OpenSearch log domain exactly with the elk monitoring stack", () => {
    expect(ofType("aws:opensearch/domain:Domain").length).toBe(config.monitoring.stack === "elk" ? 1 : 0);
    expect(outputs.logSearch === undefined).toBe(config.monitoring.stack !== "elk");
    expect(stack === "phase3").toBe(config.monitoring.stack === "elk");
  });

  it("has Datadog resources exactly with the datadog monitoring stack", () => {
    const datadog = preview.steps.filter((step) => step.newState.type.startsWith("datadog:") || step.newState.type === "pulumi:providers:datadog");
    expect(datadog.length > 0).toBe(config.monitoring.stack === "datadog");
    expect(outputs.datadog === undefined).toBe(config.monitoring.stack !== "datadog");
    expect(stack === "phase4").toBe(config.monitoring.stack === "datadog");
  });
});

describe("the phase 3 log domain", () => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  let domain: Record<string, unknown>;
  const primary = () => config.regions[0]?.name as string;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack("phase3"));
    domain = preview.steps.find((step) => step.newState.type === "aws:opensearch/domain:Domain")?.newState.inputs ?? {};
  });
  const step = (type: string) => preview.steps.filter((s) => s.newState.type === type && s.urn.includes(`${COMPONENT}$`));

  it("lives in the primary region's private subnets, behind its own group", () => {
    const [domainStep] = step("aws:opensearch/domain:Domain");
    expect(domainStep?.newState.provider).toMatch(new RegExp(`::aws-${primary()}::`));
    const vpcOptions = domain.vpcOptions as { subnetIds: string[]; securityGroupIds: string[] };
    const stackOutputs = preview.steps.find((s) => s.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { network: Record<string, { privateSubnetIds: string[] }> };
    expect(vpcOptions.subnetIds).toEqual(stackOutputs.network[primary()]?.privateSubnetIds);
    const groups = step("aws:ec2/securityGroup:SecurityGroup");
    expect(vpcOptions.securityGroupIds).toEqual(groups.map((group) => mockPhysicalId(group.newState.type, group.urn.split("::").at(-1) as string)));
    expect(groups.length).toBe(1);
  });

  it("admits only the backend tier, on 443", () => {
    const rules = step("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    const backendGroupId = mockPhysicalId("aws:ec2/securityGroup:SecurityGroup", `network-${primary()}-backend-sg`);
    expect(rules.map((rule) => rule.newState.inputs)).toEqual([expect.objectContaining({ fromPort: 443, toPort: 443, ipProtocol: "tcp", referencedSecurityGroupId: backendGroupId })]);
    expect(rules[0]?.newState.inputs.cidrIpv4).toBeUndefined();
  });

  it("encrypts at rest with its own customer-managed key, between nodes, and serves HTTPS with TLS 1.2+ only", () => {
    const [key] = step("aws:kms/key:Key");
    expect(key?.newState.inputs.enableKeyRotation).toBe(true);
    expect(domain.encryptAtRest).toEqual({ enabled: true, kmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:\d{12}:key\//) });
    expect(domain.nodeToNodeEncryption).toEqual({ enabled: true });
    expect(domain.domainEndpointOptions).toEqual({ enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" });
  });

  it("spreads its nodes over the region's zones, sized from the phase's peak request rate", () => {
    const zones = config.regions[0]?.availabilityZones.length as number;
    const size = planLogSearchSize(config.targets.requestsPerMinute.max, zones);
    expect(domain.clusterConfig).toMatchObject({ zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: zones }, instanceCount: size.dataNodes, dedicatedMasterEnabled: size.dedicatedMasters > 0 });
    expect(domain.ebsOptions).toEqual({ ebsEnabled: true, volumeType: "gp3", volumeSize: size.volumeGb });
  });

  it("controls access finely with an IAM role as master user, no internal user or password, and an access policy for that role only", () => {
    const [role] = step("aws:iam/role:Role");
    const security = domain.advancedSecurityOptions as { enabled: boolean; internalUserDatabaseEnabled: boolean; anonymousAuthEnabled: boolean; masterUserOptions: Record<string, unknown> };
    expect(security).toMatchObject({ enabled: true, internalUserDatabaseEnabled: false, anonymousAuthEnabled: false });
    expect(Object.keys(security.masterUserOptions)).toEqual(["masterUserArn"]);
    expect(String(security.masterUserOptions.masterUserArn)).toMatch(/^arn:aws:iam::\d{12}:role\//);
    const policy = JSON.parse(String(domain.accessPolicies)) as { Statement: { Principal: { AWS: string }; Resource: string }[] };
    expect(policy.Statement.map((statement) => statement.Principal.AWS)).toEqual([security.masterUserOptions.masterUserArn]);
    expect(policy.Statement[0]?.Resource).toBe(`arn:aws:es:${primary()}:123456789012:domain/francaisfluide-phase3-logs/*`);
    expect(JSON.parse(String(role?.newState.inputs.assumeRolePolicy)).Statement).toEqual([{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }]);
  });

  it("publishes its slow, error and audit logs to encrypted CloudWatch groups with a retention, which OpenSearch may write", () => {
    const groups = step("aws:cloudwatch/logGroup:LogGroup");
    const publishing = domain.logPublishingOptions as { logType: string; cloudwatchLogGroupArn: string; enabled: boolean }[];
    expect(publishing.map((option) => option.logType).sort()).toEqual(["AUDIT_LOGS", "ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"]);
    expect(publishing.every((option) => option.enabled)).toBe(true);
    expect(groups.map((group) => group.newState.inputs.retentionInDays)).toEqual([30, 30, 30, 30]);
    expect(groups.every((group) => String(group.newState.inputs.kmsKeyId).startsWith("arn:aws:kms:"))).toBe(true);
    const [resourcePolicy] = step("aws:cloudwatch/logResourcePolicy:LogResourcePolicy");
    const document = JSON.parse(String(resourcePolicy?.newState.inputs.policyDocument)) as { Statement: { Principal: { Service: string }; Resource: string[] }[] };
    expect(document.Statement[0]?.Principal.Service).toBe("es.amazonaws.com");
    expect(document.Statement[0]?.Resource.length).toBe(4);
  });

  it("exports the domain's VPC endpoint", () => {
    const outputs = preview.steps.find((s) => s.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { logSearch: { endpoint: string } };
    expect(outputs.logSearch.endpoint).toMatch(new RegExp(`^vpc-francaisfluide-phase3-logs-[0-9a-f]+\\.${primary()}\\.es\\.amazonaws\\.com$`));
  });
});

describe("the phase 4 Datadog monitoring", () => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  const step = (type: string) => preview.steps.filter((s) => s.newState.type === type && s.urn.includes(`${COMPONENT}$`));
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack("phase4"));
  });

  it("notifies the stack's alert addresses from every monitor and synthetic test", () => {
    const notifying = [...step("datadog:index/monitor:Monitor"), ...step("datadog:index/syntheticsTest:SyntheticsTest")];
    expect(notifying.length).toBe(5);
    const handles = config.monitoring.alerts.emails.map((address) => `@${address}`).join(" ");
    for (const resource of notifying) expect(String(resource.newState.inputs.message).endsWith(`\n\n${handles}`), resource.urn).toBe(true);
  });

  it("calls the stack's Datadog site, with no key in the program", () => {
    const provider = preview.steps.find((s) => s.newState.type === "pulumi:providers:datadog");
    expect(provider?.newState.inputs.apiUrl).toBe(`https://api.${config.observability.datadogSite}/`);
    expect(provider?.newState.inputs.apiKey).toBeUndefined();
    expect(step("datadog:index/monitor:Monitor").every((monitor) => monitor.newState.provider?.includes("::pulumi:providers:datadog::datadog::"))).toBe(true);
  });

  it("sets the SLO at the stack's uptime target over 30 and 7 days", () => {
    const [slo] = step("datadog:index/serviceLevelObjective:ServiceLevelObjective");
    expect(slo?.newState.inputs).toMatchObject({ type: "metric", timeframe: "30d", targetThreshold: config.targets.uptimePercent });
    expect(slo?.newState.inputs.thresholds).toEqual([{ timeframe: "30d", target: config.targets.uptimePercent }, { timeframe: "7d", target: config.targets.uptimePercent }]);
  });

  it("alerts on p95 latency at the stack's response-time target, on the error rate from its uptime, and on the SLO's budget", () => {
    const monitors = step("datadog:index/monitor:Monitor").map((monitor) => monitor.newState.inputs as { type: string; query: string; monitorThresholds: { critical: string; warning?: string } });
    const latency = monitors.find((monitor) => monitor.query.startsWith("percentile("));
    expect(latency?.query).toMatch(new RegExp(`> ${config.targets.responseTimeMs / 1000}$`));
    expect(latency?.monitorThresholds.critical).toBe(String(config.targets.responseTimeMs / 1000));
    const errorRate = monitors.find((monitor) => monitor.query.includes(".errors"));
    expect(errorRate?.monitorThresholds).toEqual({
      critical: String(errorRateThresholdPercent(config.targets.uptimePercent, BURN_RATES.critical)),
      warning: String(errorRateThresholdPercent(config.targets.uptimePercent, BURN_RATES.warning)),
    });
    const availability = monitors.find((monitor) => monitor.type === "slo alert");
    expect(availability?.query).toMatch(/^error_budget\("[0-9a-f]{32}"\)\.over\("30d"\) > \d+$/);
    const sloId = (preview.steps.find((s) => s.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { datadog: { sloId: string } }).datadog.sloId;
    expect(availability?.query.startsWith(`error_budget("${sloId}")`)).toBe(true);
    expect(monitors.length).toBe(3);
  });

  it("tests the public readiness route and a French check from several locations, on URLs built from the domain", () => {
    const tests = step("datadog:index/syntheticsTest:SyntheticsTest").map((test) => test.newState.inputs as { locations: string[]; requestDefinition: { method: string; url: string; body?: string }; assertions: { type: string; operator: string }[] });
    const apiUrl = `https://api.${config.cdn.domainName}`;
    expect(tests.map((test) => [test.requestDefinition.method, test.requestDefinition.url]).sort()).toEqual([["GET", `${apiUrl}/health/ready`], ["POST", `${apiUrl}/v2/check`]]);
    const check = tests.find((test) => test.requestDefinition.method === "POST");
    expect(new URLSearchParams(check?.requestDefinition.body).get("text")).toBe(CHECK_SENTENCE);
    expect(check?.assertions.map((assertion) => assertion.operator)).toContain("validatesJSONPath");
    for (const test of tests) {
      expect(test.locations).toEqual(syntheticLocations(config.regions.map((region) => region.name)));
      expect(test.locations.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("exports the SLO id and the monitors' ids", () => {
    const outputs = preview.steps.find((s) => s.newState.type === "pulumi:pulumi:Stack")?.newState.outputs as { datadog: { sloId: string; monitorIds: Record<string, string | number> } };
    expect(outputs.datadog.sloId).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(outputs.datadog.monitorIds).sort()).toEqual(["availability", "errorRate", "grammarCheck", "latency", "readinessCheck"]);
    for (const id of Object.values(outputs.datadog.monitorIds)) expect(String(id)).toMatch(/^\d+$/);
  });
});
