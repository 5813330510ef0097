import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

const ZONE = "cloudflare:index/zone:Zone";
const ZONE_SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
const MIN_TLS_VERSIONS = ["1.2", "1.3"];

/**
 * Which settings are a zone's: those that depend on it (the engine's dependencies, from `zoneId: zone.id`), else those
 * sharing its parent component, else, in a stack with one zone, all of them. The zone's id is not among its inputs,
 * and a preview shows a new zone's id as unknown, so `zoneId` alone cannot tell.
 */
function settingsOf(zone: PolicyResource, zones: PolicyResource[], settings: PolicyResource[]): PolicyResource[] {
  const parentUrn = (resource: PolicyResource) => (resource as PolicyResource & { parent?: PolicyResource }).parent?.urn;
  return settings.filter((setting) => {
    if (setting.dependencies.some((dependency) => dependency.urn === zone.urn)) return true;
    if (setting.dependencies.some((dependency) => dependency.type === ZONE)) return false;
    if (parentUrn(zone) !== undefined && zones.filter((other) => parentUrn(other) === parentUrn(zone)).length === 1 && parentUrn(setting) === parentUrn(zone)) return true;
    return zones.length === 1;
  });
}

/** Every Cloudflare zone refuses TLS before 1.2 and redirects HTTP to HTTPS (Cloudflare's defaults are TLS 1.0 and off). */
export const cloudflareZoneConfigureTls: StackValidationPolicy = {
  name: "cloudflare-zone-configure-tls",
  description: "Every Cloudflare zone sets min_tls_version to 1.2 or 1.3 and always_use_https to on.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const zones = args.resources.filter((resource) => resource.type === ZONE);
    const settings = args.resources.filter((resource) => resource.type === ZONE_SETTING);
    for (const zone of zones) {
      const own = settingsOf(zone, zones, settings);
      const values = (settingId: string) => own.filter((setting) => setting.props.settingId === settingId);
      const minTls = values("min_tls_version");
      if (minTls.length === 0) reportViolation(`Cloudflare zone ${zone.name} has no min_tls_version setting (Cloudflare accepts TLS 1.0): set it to 1.2.`, zone.urn);
      for (const setting of minTls.filter((setting) => !MIN_TLS_VERSIONS.includes(String(setting.props.value)))) {
        reportViolation(`Cloudflare zone ${zone.name} accepts TLS ${String(setting.props.value)}: set min_tls_version to 1.2 or 1.3.`, setting.urn);
      }
      const https = values("always_use_https");
      if (https.length === 0) reportViolation(`Cloudflare zone ${zone.name} has no always_use_https setting (Cloudflare serves plain HTTP): set it to on.`, zone.urn);
      for (const setting of https.filter((setting) => setting.props.value !== "on")) {
        reportViolation(`Cloudflare zone ${zone.name} serves plain HTTP: set always_use_https to on.`, setting.urn);
      }
    }
  },
};
