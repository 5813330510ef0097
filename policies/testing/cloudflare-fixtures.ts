import type { PreviewResource } from "../../tools/policy/engine.js";
import { resource } from "./security-fixtures.js";

export const COMPONENT = "urn:pulumi:phase1::francaisfluide::francaisfluide:cdn:EdgeCdn::cdn";

/** The EdgeCdn component a zone and its settings are children of (a stack rule sees a parent only if it is in the stack). */
export const edgeCdn = (urn = COMPONENT): PreviewResource => ({ type: "francaisfluide:cdn:EdgeCdn", urn, name: urn.split("::").at(-1) as string, props: {} });

export const zone = (name = "cdn-zone", parent: string | undefined = COMPONENT): PreviewResource => ({
  ...resource("cloudflare:index/zone:Zone", name, { account: { id: "0f598a6babd8fed00f598a6babd8fed0" }, name: "francaisfluide.fr", type: "full" }),
  ...(parent === undefined ? {} : { parent }),
});
export const zoneSetting = (settingId: string, value: unknown, options: { parent?: string; dependencies?: string[]; name?: string } = {}): PreviewResource => ({
  ...resource("cloudflare:index/zoneSetting:ZoneSetting", options.name ?? `cdn-${settingId.replace(/_/g, "-")}`, { settingId, value, zoneId: "fd86c84d7d0ffe8b938e4c13807a07de" }),
  parent: options.parent ?? COMPONENT,
  ...(options.dependencies === undefined ? {} : { dependencies: options.dependencies }),
});
