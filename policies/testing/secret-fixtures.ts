import { resource } from "./security-fixtures.js";

const DATABASE_URL = "postgres://francaisfluide_admin@francaisfluide-phase1-main.1efe92c47218.us-east-1.rds.amazonaws.com:5432/francaisfluide?sslmode=verify-full";

export const taskDefinition = (environment: { name: string; value: string }[] = [], tags: Record<string, string> = {}) =>
  resource("aws:ecs/taskDefinition:TaskDefinition", "backend-us-east-1-all", {
    containerDefinitions: JSON.stringify([
      { name: "api", environment: [{ name: "APP_ROLE", value: "all" }, { name: "DATABASE_URL", value: DATABASE_URL }, ...environment], secrets: [{ name: "DATABASE_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }] },
    ]),
    tags: { project: "francaisfluide", ...tags },
  });

export const configMap = (data: Record<string, string> = {}) =>
  resource("kubernetes:core/v1:ConfigMap", "backend-eks-us-east-1-settings", { apiVersion: "v1", kind: "ConfigMap", data: { APP_ROLE: "all", DATABASE_URL, ...data } });
