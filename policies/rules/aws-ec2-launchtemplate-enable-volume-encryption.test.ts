import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { resource } from "../testing/security-fixtures.js";
import { awsEc2LaunchtemplateEnableVolumeEncryption as rule } from "./aws-ec2-launchtemplate-enable-volume-encryption.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);
const launchTemplate = (...ebs: (Record<string, unknown> | undefined)[]) =>
  resource("aws:ec2/launchTemplate:LaunchTemplate", "backend-eks-us-east-1-nodes", {
    blockDeviceMappings: ebs.map((volume, index) => ({ deviceName: `/dev/xvd${"abcdefgh"[index]}`, ...(volume === undefined ? { virtualName: "ephemeral0" } : { ebs: { volumeSize: 500, volumeType: "gp3", ...volume } }) })),
  });

describe(rule.name, () => {
  it("passes encrypted volumes (and instance-store mappings), fails an unencrypted or unset one", async () => {
    expect(await messages(rule, launchTemplate({ encrypted: "true" }, { encrypted: true }, undefined))).toEqual([]);
    expect(await messages(rule, launchTemplate({ encrypted: "false" }, {}))).toEqual([
      'Launch template volume /dev/xvda is not encrypted: set ebs.encrypted to "true".',
      'Launch template volume /dev/xvdb is not encrypted: set ebs.encrypted to "true".',
    ]);
  });
});
