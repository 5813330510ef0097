import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type MonitoringKeys, monitoringKeyShape, monitoringProblems, nestMonitoring } from "./monitoring.js";

const keysOf = (overrides: Partial<MonitoringKeys> = {}): MonitoringKeys => ({
  monitoringStack: "elk",
  alertEmails: ["ops@francaisfluide.fr"],
  alertSlackWorkspaceId: "T00000000",
  alertSlackChannelId: "C00000000",
  costAlertSmsNumber: "+33600000000",
  ...overrides,
});

describe("monitoring keys", () => {
  it("accept the stacks' placeholders and refuse a phone number outside E.164 or an address without a domain", () => {
    const schema = z.object(monitoringKeyShape);
    expect(schema.safeParse(keysOf()).success).toBe(true);
    expect(schema.safeParse(keysOf({ costAlertSmsNumber: "0600000000" })).error?.issues[0]?.message).toContain("E.164");
    expect(schema.safeParse(keysOf({ alertEmails: ["ops"] })).error?.issues[0]?.message).toContain("e-mail address");
    expect(schema.safeParse(keysOf({ alertEmails: [] })).success).toBe(false);
  });

  it("need both Slack ids or neither, and each address once", () => {
    expect(monitoringProblems(keysOf())).toEqual([]);
    expect(monitoringProblems(keysOf({ alertSlackWorkspaceId: undefined, alertSlackChannelId: undefined }))).toEqual([]);
    expect(monitoringProblems(keysOf({ alertSlackChannelId: undefined })).map((p) => p.key)).toEqual(["alertSlackChannelId"]);
    expect(monitoringProblems(keysOf({ alertSlackWorkspaceId: undefined })).map((p) => p.key)).toEqual(["alertSlackWorkspaceId"]);
    expect(monitoringProblems(keysOf({ alertEmails: ["a@b.fr", "a@b.fr"] })).map((p) => p.key)).toEqual(["alertEmails"]);
  });

  it("nest into the alert routing, without Slack where none is configured", () => {
    expect(nestMonitoring(keysOf()).alerts).toEqual({ emails: ["ops@francaisfluide.fr"], slack: { workspaceId: "T00000000", channelId: "C00000000" }, smsNumber: "+33600000000" });
    expect(nestMonitoring(keysOf({ alertSlackWorkspaceId: undefined, alertSlackChannelId: undefined })).alerts.slack).toBeUndefined();
  });
});
