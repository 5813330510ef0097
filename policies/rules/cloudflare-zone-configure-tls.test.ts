import { describe, expect, it } from "vitest";
import { runStackPolicy } from "../../tools/policy/engine.js";
import { edgeCdn, zone, zoneSetting } from "../testing/cloudflare-fixtures.js";
import { cloudflareZoneConfigureTls as rule } from "./cloudflare-zone-configure-tls.js";

const reported = async (...resources: Parameters<typeof runStackPolicy>[1]) => (await runStackPolicy(rule, resources)).map(({ message, urn }) => [message, urn?.split("::").at(-1)]);

describe(rule.name, () => {
  it("passes a zone with TLS 1.2 (or 1.3) and HTTPS always on", async () => {
    expect(await reported(zone(), zoneSetting("min_tls_version", "1.2"), zoneSetting("always_use_https", "on"), zoneSetting("ssl", "strict"))).toEqual([]);
    expect(await reported(zone(), zoneSetting("min_tls_version", "1.3"), zoneSetting("always_use_https", "on"))).toEqual([]);
  });

  it("fails TLS 1.0, HTTPS off, missing settings, and does not credit one zone with another's settings", async () => {
    expect(await reported(zone(), zoneSetting("min_tls_version", "1.0"), zoneSetting("always_use_https", "off"))).toEqual([
      ["Cloudflare zone cdn-zone accepts TLS 1.0: set min_tls_version to 1.2 or 1.3.", "cdn-min-tls-version"],
      ["Cloudflare zone cdn-zone serves plain HTTP: set always_use_https to on.", "cdn-always-use-https"],
    ]);
    expect(await reported(zone())).toEqual([
      ["Cloudflare zone cdn-zone has no min_tls_version setting (Cloudflare accepts TLS 1.0): set it to 1.2.", "cdn-zone"],
      ["Cloudflare zone cdn-zone has no always_use_https setting (Cloudflare serves plain HTTP): set it to on.", "cdn-zone"],
    ]);
    const other = "urn:pulumi:phase1::francaisfluide::francaisfluide:cdn:EdgeCdn::other";
    const otherZone = zone("other-zone", other);
    const resources = [edgeCdn(), edgeCdn(other), zone(), zoneSetting("min_tls_version", "1.2"), zoneSetting("always_use_https", "on"), otherZone, zoneSetting("min_tls_version", "1.2", { name: "other-min-tls", dependencies: [otherZone.urn], parent: "urn:x" })];
    expect(await reported(...resources)).toEqual([["Cloudflare zone other-zone has no always_use_https setting (Cloudflare serves plain HTTP): set it to on.", "other-zone"]]);
  });
});
