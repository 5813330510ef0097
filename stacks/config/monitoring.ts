import { z } from "zod";
import type { Problem } from "./errors.js";

export const monitoringKeyShape = {
  monitoringStack: z.enum(["basic", "structured-logging", "elk", "datadog"]),
  alertEmails: z.array(z.string().regex(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i, "expected an e-mail address such as ops@francaisfluide.fr")).min(1),
  // Slack ids as Slack shows them in a channel's details: the workspace (team) starts with T, the channel with C or G.
  alertSlackWorkspaceId: z.string().regex(/^T[A-Z0-9]{8,}$/, "expected a Slack workspace id such as T00000000").optional(),
  alertSlackChannelId: z.string().regex(/^[CG][A-Z0-9]{8,}$/, "expected a Slack channel id such as C00000000").optional(),
  costAlertSmsNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, "expected a phone number in E.164 form such as +33600000000"),
};

export type MonitoringKeys = z.output<z.ZodObject<typeof monitoringKeyShape>>;

export interface MonitoringConfig {
  stack: "basic" | "structured-logging" | "elk" | "datadog";
  alerts: {
    emails: string[];
    /** Absent where no Slack channel is configured: what would go there goes by e-mail. */
    slack?: { workspaceId: string; channelId: string };
    smsNumber: string;
  };
}

/** A Slack channel needs both ids: AWS Chatbot names the workspace and the channel in it. */
export function monitoringProblems(keys: MonitoringKeys): Problem<keyof MonitoringKeys>[] {
  if (keys.alertSlackWorkspaceId !== undefined && keys.alertSlackChannelId === undefined) {
    return [{ key: "alertSlackChannelId", message: "is required with alertSlackWorkspaceId: AWS Chatbot posts to one channel of the workspace" }];
  }
  if (keys.alertSlackWorkspaceId === undefined && keys.alertSlackChannelId !== undefined) {
    return [{ key: "alertSlackWorkspaceId", message: "is required with alertSlackChannelId: AWS Chatbot needs the workspace the channel belongs to" }];
  }
  if (new Set(keys.alertEmails).size !== keys.alertEmails.length) {
    return [{ key: "alertEmails", message: "lists an address twice: each address would get every alert twice" }];
  }
  return [];
}

export function nestMonitoring(keys: MonitoringKeys): MonitoringConfig {
  const { alertSlackWorkspaceId: workspaceId, alertSlackChannelId: channelId } = keys;
  return {
    stack: keys.monitoringStack,
    alerts: {
      emails: keys.alertEmails,
      ...(workspaceId === undefined || channelId === undefined ? {} : { slack: { workspaceId, channelId } }),
      smsNumber: keys.costAlertSmsNumber,
    },
  };
}
