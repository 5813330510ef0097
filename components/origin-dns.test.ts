import { beforeAll, describe, expect, it } from "vitest";
import { synthesizeStack, type PreviewDocument, type StackPreview } from "../tools/offline/synthesize.js";

describe.each(["phase1", "phase2", "phase3", "phase4"])("the origin DNS of %s", (stack) => {
  let config: StackPreview["config"];
  let preview: PreviewDocument;
  beforeAll(async () => {
    ({ config, preview } = await synthesizeStack(stack));
  });

  it("is one Route 53 zone for origin.<domain>, on the primary region's provider, kept on destroy", () => {
    const zones = preview.steps.filter((step) => step.newState.type === "aws:route53/zone:Zone");
    expect(zones.map((zone) => [zone.newState.inputs.name, zone.newState.inputs.forceDestroy])).toEqual([[`origin.${config.cdn.domainName}`, false]]);
    expect(zones[0]?.newState.provider).toMatch(new RegExp(`::aws-${config.regions[0]?.name}::`));
    expect(zones[0]?.urn).toContain("francaisfluide:cdn:OriginDns$aws:route53/zone:Zone");
  });
});
