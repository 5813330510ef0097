import { describe, expect, it } from "vitest";
import { mockPhysicalId, mockResourceState, OFFLINE_ACCOUNT_ID } from "./mock-state.js";

describe("mockResourceState", () => {
  it("gives regional resources an ARN in their provider's region and account", () => {
    const { id, state } = mockResourceState("aws:kms/key:Key", "vault-key", {}, "eu-central-1");
    expect(state.arn).toBe(`arn:aws:kms:eu-central-1:${OFFLINE_ACCOUNT_ID}:key/${id}`);
  });

  it("names a backup vault in its ARN as AWS does, so copy destinations read like real ones", () => {
    const { state } = mockResourceState("aws:backup/vault:Vault", "vault", { name: "francaisfluide-phase4-us-west-2" }, "us-west-2");
    expect(state.arn).toBe(`arn:aws:backup:us-west-2:${OFFLINE_ACCOUNT_ID}:backup-vault:francaisfluide-phase4-us-west-2`);
  });

  it("leaves the region out of global services' ARNs, and Route 53's account too", () => {
    const role = mockResourceState("aws:iam/role:Role", "backup-role", {}, "us-east-1");
    expect(role.state.arn).toBe(`arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/${role.id}`);
    const check = mockResourceState("aws:route53/healthCheck:HealthCheck", "api-check", {}, "us-east-1");
    expect(check.state.arn).toBe(`arn:aws:route53:::healthcheck/${check.id}`);
  });

  it("computes a hosted zone's id and four name servers, the same on every run", () => {
    const zone = mockResourceState("aws:route53/zone:Zone", "origin-zone", { name: "origin.francaisfluide.fr" }, "us-east-1");
    expect(zone.id).toBe(mockPhysicalId("aws:route53/zone:Zone", "origin-zone"));
    expect(zone.id).toMatch(/^Z[0-9a-f]{17}$/);
    expect(zone.state.zoneId).toBe(zone.id);
    expect(zone.state.nameServers).toHaveLength(4);
    for (const server of zone.state.nameServers as string[]) expect(server).toMatch(/^ns-\d+\.awsdns-\d+\.(com|net|org|co\.uk)$/);
    expect(mockResourceState("aws:route53/zone:Zone", "origin-zone", {}, "us-east-1").state.nameServers).toEqual(zone.state.nameServers);
  });
});
