import type { PreviewDocument, PreviewStep } from "../offline/synthesize.js";

/**
 * Pure helpers that break one thing in a preview document (document in, document out, the input untouched), for the
 * test that the pack fails a phase for each, naming the rule. Each throws when the document has nothing to break.
 */

function clone<T>(value: T): T {
  return structuredClone(value) as T;
}

function firstStep(document: PreviewDocument, matches: (step: PreviewStep) => boolean, what: string): number {
  const index = document.steps.findIndex(matches);
  if (index < 0) throw new Error(`The ${document.stack} preview has no ${what} to break.`);
  return index;
}

function withInputs(document: PreviewDocument, index: number, change: (inputs: Record<string, unknown>) => Record<string, unknown>): PreviewDocument {
  const broken = clone(document);
  const step = broken.steps[index] as PreviewStep;
  step.newState.inputs = change(step.newState.inputs);
  return broken;
}

/** The first RDS instance or Aurora cluster without storage encryption (and without its KMS key). */
export function withUnencryptedDatabase(document: PreviewDocument): PreviewDocument {
  const index = firstStep(document, (step) => step.newState.type === "aws:rds/instance:Instance" || step.newState.type === "aws:rds/cluster:Cluster", "RDS instance or cluster");
  return withInputs(document, index, ({ kmsKeyId: _key, ...inputs }) => ({ ...inputs, storageEncrypted: false }));
}

/** One more ingress rule beside the first one on `port` (the database's 5432, the cache's 6379): from 0.0.0.0/0. */
export function withIngressFromWorld(document: PreviewDocument, port: number): PreviewDocument {
  const index = firstStep(document, (step) => step.newState.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && step.newState.inputs.fromPort === port, `ingress rule on port ${port}`);
  const broken = clone(document);
  const original = broken.steps[index] as PreviewStep;
  const urn = `${original.urn}-from-world`;
  const { referencedSecurityGroupId: _source, ...inputs } = original.newState.inputs;
  broken.steps.push({ ...original, urn, newState: { ...original.newState, urn, inputs: { ...inputs, cidrIpv4: "0.0.0.0/0", description: `port ${port} from the internet` } } });
  return broken;
}

/** A security group open to the world on PostgreSQL's port. */
export const withDatabaseOpenToWorld = (document: PreviewDocument) => withIngressFromWorld(document, 5432);

/** A public cache: its security group open to the world on Redis's port. */
export const withPublicCache = (document: PreviewDocument) => withIngressFromWorld(document, 6379);

/** The first inline IAM role policy's first statement allows every action (`"Action": "*"`). */
export function withWildcardIamAction(document: PreviewDocument): PreviewDocument {
  const index = firstStep(document, (step) => step.newState.type === "aws:iam/rolePolicy:RolePolicy" && typeof step.newState.inputs.policy === "string", "inline IAM role policy");
  return withInputs(document, index, (inputs) => {
    const policy = JSON.parse(inputs.policy as string) as { Statement: Record<string, unknown>[] };
    policy.Statement[0] = { ...policy.Statement[0], Action: "*" };
    return { ...inputs, policy: JSON.stringify(policy) };
  });
}

interface PodSpec {
  securityContext?: Record<string, unknown>;
  containers: { securityContext?: Record<string, unknown> }[];
}

/** The first Kubernetes Deployment's pod and first container run as root (user 0, runAsNonRoot false). */
export function withRootContainer(document: PreviewDocument): PreviewDocument {
  const index = firstStep(document, (step) => step.newState.type === "kubernetes:apps/v1:Deployment", "Kubernetes Deployment");
  return withInputs(document, index, (inputs) => {
    const spec = (inputs as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
    spec.securityContext = { ...spec.securityContext, runAsNonRoot: false, runAsUser: 0 };
    const container = spec.containers[0] as PodSpec["containers"][number];
    container.securityContext = { ...container.securityContext, runAsNonRoot: false, runAsUser: 0 };
    return inputs;
  });
}
