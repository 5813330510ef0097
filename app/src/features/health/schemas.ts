const dependencyReport = {
  type: "object",
  properties: { status: { type: "string", enum: ["ready", "degraded", "down"] }, detail: { type: "string" } },
} as const;

export const readinessSchema = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["ready", "degraded", "unavailable"] },
    dependencies: {
      type: "object",
      properties: { grammar: dependencyReport, database: dependencyReport, cache: dependencyReport },
    },
  },
} as const;

export const livenessSchema = {
  type: "object",
  properties: { status: { type: "string" }, uptimeSeconds: { type: "number" } },
} as const;
