import { resource } from "./security-fixtures.js";

export const container = (fields: Record<string, unknown> = {}) => ({
  name: "api",
  image: "ghcr.io/francaisfluide/api:0.1.0",
  resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
  ...fields,
});

export const deployment = (podSpec: Record<string, unknown> = {}) =>
  resource("kubernetes:apps/v1:Deployment", "backend-eks-us-east-1-deployment", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    spec: { template: { spec: { securityContext: { runAsNonRoot: true, runAsUser: 1000 }, containers: [container()], ...podSpec } } },
  });
