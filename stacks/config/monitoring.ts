import { z } from "zod";

export const monitoringKeyShape = {
  monitoringStack: z.enum(["basic", "structured-logging", "elk", "datadog"]),
};

export type MonitoringKeys = z.output<z.ZodObject<typeof monitoringKeyShape>>;

export interface MonitoringConfig {
  stack: "basic" | "structured-logging" | "elk" | "datadog";
}

export function nestMonitoring(keys: MonitoringKeys): MonitoringConfig {
  return { stack: keys.monitoringStack };
}
