import { resource } from "./resources.js";

const metadata = { name: "api", namespace: "francaisfluide", labels: { project: "francaisfluide", phase: "phase4", component: "backend", "cost-center": "francaisfluide-platform" } };
export const deployment = (spec: Record<string, unknown> = {}) => resource("kubernetes:apps/v1:Deployment", "backend-deployment", { metadata, spec });
export const hpa = (spec: Record<string, unknown> = {}) =>
  resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "backend-hpa", { metadata, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" }, minReplicas: 2, maxReplicas: 20, ...spec } });
