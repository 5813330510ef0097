import type { AppRole } from "@francaisfluide/app/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { privateLogBucket } from "../lib/log-bucket.js";
import { READINESS_PATH, regionalApiHostname } from "../lib/origin.js";
import { resourceTags } from "../tags.js";
import { secretArnOf, taskEnvironment } from "./environment.js";
import { backendKeyPolicy, ecsTasksTrustPolicy, executionRolePolicy } from "./iam.js";
import { elbLogDeliveryPrincipal, TLS_POLICY } from "./load-balancer.js";
import { CONTAINER_HEALTH_CHECK, CONTAINER_NAME, WRITABLE_TMP, type BackendRegionSpec, type Plans, type RegionBackend, type Settings } from "./types.js";

/** Builds one region's backend; the shared parts (cluster, key, load balancer, roles) once, then one service per role. */
export class RegionBuilder {
  private readonly prefix: string;
  private readonly opts: pulumi.CustomResourceOptions;
  private readonly label: string;

  private readonly spec: BackendRegionSpec;
  private readonly settings: Settings;
  private readonly plans: Plans;

  constructor(
    parent: pulumi.ComponentResource,
    name: string,
    spec: BackendRegionSpec,
    settings: Settings,
    plans: Plans,
  ) {
    this.spec = spec;
    this.settings = settings;
    this.plans = plans;
    this.prefix = `${name}-${spec.region}`;
    this.opts = { parent, provider: spec.provider };
    this.label = `${settings.tags.project}-${settings.tags.phase}`;
  }

  private tags(resourceName: string) {
    return resourceTags(this.settings.tags, "backend", `${this.label}-${resourceName}`);
  }

  build(): RegionBackend {
    const { spec, settings, prefix, opts } = this;
    const cluster = new aws.ecs.Cluster(`${prefix}-cluster`, {
      settings: [{ name: "containerInsights", value: "enabled" }],
      tags: this.tags(`${spec.region}-cluster`),
    }, opts);
    // The account the provider deploys into, from the first ARN it hands back: no data-source call, which offline has no answer for.
    const accountId = cluster.arn.apply((arn) => arn.split(":")[4] as string);

    const logGroupName = `/${settings.tags.project}/${settings.tags.phase}/backend`;
    const key = new aws.kms.Key(`${prefix}-key`, {
      description: `${this.label} backend in ${spec.region}: container logs and the cache AUTH token secret`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: accountId.apply((id) => JSON.stringify(backendKeyPolicy({ accountId: id, region: spec.region, logGroupName }))),
      tags: this.tags(`backend-${spec.region}-key`),
    }, opts);
    const logGroup = new aws.cloudwatch.LogGroup(`${prefix}-logs`, {
      name: logGroupName,
      retentionInDays: settings.logRetentionDays,
      kmsKeyId: key.arn,
      tags: this.tags(`${spec.region}-logs`),
    }, opts);

    const tokenSecret = new aws.secretsmanager.Secret(`${prefix}-cache-auth-token`, {
      description: `${this.label}: AUTH token of the cache, for the app's REDIS_AUTH_TOKEN`,
      kmsKeyId: key.arn,
      recoveryWindowInDays: 7,
      tags: this.tags(`${spec.region}-cache-auth-token`),
    }, opts);
    new aws.secretsmanager.SecretVersion(`${prefix}-cache-auth-token`, { secretId: tokenSecret.id, secretString: pulumi.secret(settings.cacheAuthToken) }, opts);
    const dsnSecret = settings.sentry && this.sentryDsnSecret(settings.sentry.dsn, key);

    const loadBalancer = this.loadBalancer(accountId);
    const targetGroups = new Map(
      settings.services.map((role) => [
        role,
        new aws.lb.TargetGroup(`${prefix}-${role}`, {
          port: settings.port,
          protocol: "HTTP",
          targetType: "ip",
          vpcId: spec.vpcId,
          deregistrationDelay: settings.deregistrationDelaySeconds,
          healthCheck: { path: READINESS_PATH, protocol: "HTTP", matcher: "200", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
          tags: this.tags(`${spec.region}-${role}`),
        }, opts),
      ]),
    );
    const listeners = this.listeners(loadBalancer, targetGroups);

    const executionRole = this.executionRole(accountId, logGroup, tokenSecret, key, dsnSecret);
    // The app calls no AWS API: its role carries no policy, so credentials taken from a task are worth nothing.
    const taskRole = new aws.iam.Role(`${prefix}-task-role`, {
      description: `${this.label} app tasks in ${spec.region}: no AWS permissions`,
      assumeRolePolicy: accountId.apply((id) => JSON.stringify(ecsTasksTrustPolicy(id))),
      tags: this.tags(`${spec.region}-task-role`),
    }, opts);

    const services = settings.services.map((role) => {
      const targetGroup = targetGroups.get(role) as aws.lb.TargetGroup;
      const service = this.service(role, cluster, logGroup, tokenSecret, dsnSecret, executionRole, taskRole, targetGroup, listeners);
      this.scaling(role, cluster, service, loadBalancer, targetGroup);
      return [role, service, targetGroup] as const;
    });

    return {
      origin: { region: spec.region, hostname: regionalApiHostname(settings.domainName, spec.region), loadBalancerDnsName: loadBalancer.dnsName },
      clusterName: cluster.name,
      loadBalancerArnSuffix: loadBalancer.arnSuffix,
      targetGroupArnSuffixes: Object.fromEntries(services.map(([role, , targetGroup]) => [role, targetGroup.arnSuffix])),
      serviceNames: Object.fromEntries(services.map(([role, service]) => [role, service.name])),
      logGroupName: logGroup.name,
    };
  }

  /** The public entry point: access logs to a private bucket of the region, invalid headers dropped, deletion protection when asked. */
  private loadBalancer(accountId: pulumi.Output<string>): aws.lb.LoadBalancer {
    const { spec, settings, prefix, opts } = this;
    const { bucket, publicAccess } = privateLogBucket(
      { name: `${prefix}-access-logs`, tags: this.tags(`${spec.region}-access-logs`), retentionDays: settings.accessLogRetentionDays, objectOwnership: "BucketOwnerEnforced" },
      opts,
    );
    const accessLogPrefix = "alb";
    const policy = new aws.s3.BucketPolicy(`${prefix}-access-logs`, {
      bucket: bucket.id,
      policy: pulumi.all([bucket.arn, accountId]).apply(([arn, id]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Sid: "LoadBalancerLogDelivery", Effect: "Allow", Principal: elbLogDeliveryPrincipal(spec.region), Action: ["s3:PutObject"], Resource: `${arn}/${accessLogPrefix}/AWSLogs/${id}/*` },
            { Sid: "TlsOnly", Effect: "Deny", Principal: { AWS: "*" }, Action: ["s3:*"], Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
          ],
        }),
      ),
    }, { ...opts, dependsOn: [publicAccess] });

    return new aws.lb.LoadBalancer(`${prefix}-alb`, {
      loadBalancerType: "application",
      internal: false,
      subnets: spec.publicSubnetIds,
      securityGroups: [spec.loadBalancerSecurityGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: settings.deletionProtection,
      accessLogs: { bucket: bucket.id, prefix: accessLogPrefix, enabled: true },
      tags: this.tags(`${spec.region}-alb`),
    }, { ...opts, dependsOn: [policy] });
  }

  /** HTTPS on 443 with the region's certificate, forwarding by path; HTTP on 80 only to redirect there. */
  private listeners(loadBalancer: aws.lb.LoadBalancer, targetGroups: Map<AppRole, aws.lb.TargetGroup>): aws.lb.Listener[] {
    const { spec, settings, prefix, opts } = this;
    const hostname = regionalApiHostname(settings.domainName, spec.region);
    const certificate = new aws.acm.Certificate(`${prefix}-certificate`, {
      domainName: hostname,
      validationMethod: "DNS",
      tags: this.tags(`${spec.region}-certificate`),
    }, opts);
    const validationOption = certificate.domainValidationOptions.apply((options) => {
      const [option] = options;
      if (!option) throw new Error(`ACM gave no DNS validation record for ${hostname}`);
      return option;
    });
    const validationRecord = new aws.route53.Record(`${prefix}-certificate-validation`, {
      zoneId: settings.originZoneId,
      name: validationOption.resourceRecordName,
      type: validationOption.resourceRecordType,
      records: [validationOption.resourceRecordValue],
      ttl: 300,
      // ACM gives the same validation name to every certificate of this hostname: a replacement reuses the record.
      allowOverwrite: true,
    }, opts);
    const validation = new aws.acm.CertificateValidation(`${prefix}-certificate`, {
      certificateArn: certificate.arn,
      validationRecordFqdns: [validationRecord.fqdn],
    }, opts);

    const defaultGroup = targetGroups.get(this.plans.routing.defaultRole) as aws.lb.TargetGroup;
    const https = new aws.lb.Listener(`${prefix}-https`, {
      loadBalancerArn: loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: validation.certificateArn,
      defaultActions: [{ type: "forward", targetGroupArn: defaultGroup.arn }],
      tags: this.tags(`${spec.region}-https`),
    }, opts);
    const httpRedirect = new aws.lb.Listener(`${prefix}-http-redirect`, {
      loadBalancerArn: loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      tags: this.tags(`${spec.region}-http-redirect`),
    }, opts);
    for (const rule of this.plans.routing.rules) {
      new aws.lb.ListenerRule(`${prefix}-${rule.role}`, {
        listenerArn: https.arn,
        priority: rule.priority,
        conditions: [{ pathPattern: { values: [...rule.paths] } }],
        actions: [{ type: "forward", targetGroupArn: (targetGroups.get(rule.role) as aws.lb.TargetGroup).arn }],
        tags: this.tags(`${spec.region}-${rule.role}-rule`),
      }, opts);
    }

    new aws.route53.Record(`${prefix}-origin`, {
      zoneId: settings.originZoneId,
      name: hostname,
      type: "A",
      aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
    }, opts);
    return [https, httpRedirect];
  }

  /** The DSN lets anyone send events to the project, so it travels like the other credentials: a secret of our own. */
  private sentryDsnSecret(dsn: pulumi.Input<string>, key: aws.kms.Key): aws.secretsmanager.Secret {
    const { spec, prefix, opts } = this;
    const secret = new aws.secretsmanager.Secret(`${prefix}-sentry-dsn`, {
      description: `${this.label}: DSN of the Sentry project, for the app's SENTRY_DSN`,
      kmsKeyId: key.arn,
      recoveryWindowInDays: 7,
      tags: this.tags(`${spec.region}-sentry-dsn`),
    }, opts);
    new aws.secretsmanager.SecretVersion(`${prefix}-sentry-dsn`, { secretId: secret.id, secretString: pulumi.secret(dsn) }, opts);
    return secret;
  }

  private executionRole(
    accountId: pulumi.Output<string>,
    logGroup: aws.cloudwatch.LogGroup,
    tokenSecret: aws.secretsmanager.Secret,
    key: aws.kms.Key,
    dsnSecret: aws.secretsmanager.Secret | undefined,
  ): aws.iam.Role {
    const { spec, settings, prefix, opts } = this;
    const role = new aws.iam.Role(`${prefix}-execution-role`, {
      description: `${this.label} ECS agent in ${spec.region}: image, logs and the injected secrets`,
      assumeRolePolicy: accountId.apply((id) => JSON.stringify(ecsTasksTrustPolicy(id))),
      tags: this.tags(`${spec.region}-execution-role`),
    }, opts);
    const databaseKeys = pulumi.output(settings.database.shards).apply((shards) => [...new Set(shards.map((shard) => shard.region))]).apply((regions) =>
      pulumi.all(
        regions.map((region) => {
          const keyArn = settings.database.secretKmsKeyArns[region];
          if (keyArn === undefined) throw new Error(`No KMS key given for the database secrets of region ${region} (given: ${Object.keys(settings.database.secretKmsKeyArns).join(", ")})`);
          return keyArn;
        }),
      ),
    );
    new aws.iam.RolePolicy(`${prefix}-execution-role`, {
      role: role.id,
      policy: pulumi
        .all([logGroup.arn, tokenSecret.arn, key.arn, pulumi.output(settings.database.shards), databaseKeys, dsnSecret?.arn])
        .apply(([logGroupArn, tokenArn, keyArn, shards, databaseKeyArns, dsnArn]) =>
          JSON.stringify(
            executionRolePolicy({
              imageRepository: settings.image.repository,
              logGroupArn,
              secretArns: [tokenArn, ...(dsnArn === undefined ? [] : [dsnArn]), ...shards.map((shard) => secretArnOf(shard.masterUserSecretArn))],
              kmsKeyArns: [keyArn, ...databaseKeyArns],
            }),
          ),
        ),
    }, opts);
    return role;
  }

  private service(
    role: AppRole,
    cluster: aws.ecs.Cluster,
    logGroup: aws.cloudwatch.LogGroup,
    tokenSecret: aws.secretsmanager.Secret,
    dsnSecret: aws.secretsmanager.Secret | undefined,
    executionRole: aws.iam.Role,
    taskRole: aws.iam.Role,
    targetGroup: aws.lb.TargetGroup,
    listeners: aws.lb.Listener[],
  ): aws.ecs.Service {
    const { spec, settings, prefix, opts, plans } = this;
    const containerDefinitions = pulumi
      .all([pulumi.output(settings.database.shards), pulumi.output(spec.cache.endpoint), tokenSecret.arn, logGroup.name, dsnSecret?.arn])
      .apply(([shards, endpoint, tokenArn, logGroupName, dsnArn]) => {
        const { environment, secrets } = taskEnvironment({
          role,
          region: spec.region,
          port: settings.port,
          metricsPort: settings.metricsPort,
          vcpu: settings.vcpu,
          shards,
          cache: { endpoint, port: spec.cache.port, mode: spec.cache.mode },
          cacheAuthTokenSecretArn: tokenArn,
          ...(dsnArn === undefined || settings.sentry === undefined ? {} : { sentry: { dsnSecretArn: dsnArn, environment: settings.sentry.environment } }),
        });
        return JSON.stringify([
          {
            name: CONTAINER_NAME,
            image: `${settings.image.repository}:${settings.image.tag}`,
            essential: true,
            // The image's own non-root user (Dockerfile: USER node), stated so a rebuilt image cannot bring root back.
            user: "node",
            readonlyRootFilesystem: true,
            mountPoints: [{ sourceVolume: WRITABLE_TMP.volume, containerPath: WRITABLE_TMP.path, readOnly: false }],
            portMappings: [
              { containerPort: settings.port, protocol: "tcp" },
              { containerPort: settings.metricsPort, protocol: "tcp" },
            ],
            environment,
            secrets,
            healthCheck: CONTAINER_HEALTH_CHECK,
            logConfiguration: {
              logDriver: "awslogs",
              options: { "awslogs-group": logGroupName, "awslogs-region": spec.region, "awslogs-stream-prefix": role },
            },
          },
        ]);
      });
    const taskDefinition = new aws.ecs.TaskDefinition(`${prefix}-${role}`, {
      family: `${this.label}-${role}`,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: plans.size.cpu,
      memory: plans.size.memory,
      ...(plans.ephemeralStorageGib === undefined ? {} : { ephemeralStorage: { sizeInGib: plans.ephemeralStorageGib } }),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      volumes: [{ name: WRITABLE_TMP.volume }],
      containerDefinitions,
      tags: this.tags(`${spec.region}-${role}-task`),
    }, opts);

    const desiredCount = plans.scaling.kind === "fixed" ? plans.scaling.count : plans.scaling.min;
    return new aws.ecs.Service(`${prefix}-${role}`, {
      cluster: cluster.arn,
      taskDefinition: taskDefinition.arn,
      launchType: "FARGATE",
      desiredCount,
      // Start the new tasks before stopping the old: with one task (phase 1) a deployment still never drops to zero.
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      // Grammalecte's workers load in a few seconds; the readiness check must not count them down before.
      healthCheckGracePeriodSeconds: 60,
      networkConfiguration: {
        subnets: spec.taskSubnets === "private" ? spec.privateSubnetIds : spec.publicSubnetIds,
        securityGroups: [spec.backendSecurityGroupId],
        assignPublicIp: spec.taskSubnets === "public",
      },
      loadBalancers: [{ targetGroupArn: targetGroup.arn, containerName: CONTAINER_NAME, containerPort: settings.port }],
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      tags: this.tags(`${spec.region}-${role}`),
    }, { ...opts, dependsOn: listeners, ignoreChanges: plans.scaling.kind === "fixed" ? [] : ["desiredCount"] });
  }

  /** Target tracking on each metric the stack gives, between its bounds; nothing when the count is fixed. */
  private scaling(role: AppRole, cluster: aws.ecs.Cluster, service: aws.ecs.Service, loadBalancer: aws.lb.LoadBalancer, targetGroup: aws.lb.TargetGroup): void {
    const { spec, settings, prefix, opts, plans } = this;
    if (plans.scaling.kind === "fixed") return;
    const target = new aws.appautoscaling.Target(`${prefix}-${role}`, {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
      minCapacity: plans.scaling.min,
      maxCapacity: plans.scaling.max,
      tags: this.tags(`${spec.region}-${role}-scaling`),
    }, opts);
    const predefined = {
      cpu: () => ({ predefinedMetricType: "ECSServiceAverageCPUUtilization" }),
      memory: () => ({ predefinedMetricType: "ECSServiceAverageMemoryUtilization" }),
      requests: () => ({ predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}` }),
    };
    for (const { metric, target: value } of plans.scaling.metrics) {
      new aws.appautoscaling.Policy(`${prefix}-${role}-${metric}`, {
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: value,
          predefinedMetricSpecification: predefined[metric](),
          scaleOutCooldown: settings.scaleOutCooldownSeconds,
          scaleInCooldown: settings.scaleInCooldownSeconds,
        },
      }, opts);
    }
  }
}
