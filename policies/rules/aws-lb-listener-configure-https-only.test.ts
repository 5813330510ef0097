import { describe, expect, it } from "vitest";
import { runResourcePolicy } from "../../tools/policy/engine.js";
import { httpListener, httpsListener } from "../testing/network-fixtures.js";
import { awsLbListenerConfigureHttpsOnly as rule } from "./aws-lb-listener-configure-https-only.js";

const messages = async (...args: Parameters<typeof runResourcePolicy>) => (await runResourcePolicy(...args)).map((violation) => violation.message);

describe(rule.name, () => {
  it("passes HTTPS with a TLS 1.2+ policy and HTTP that redirects, fails an old policy and HTTP that forwards", async () => {
    expect(await messages(rule, httpsListener())).toEqual([]);
    expect(await messages(rule, httpListener())).toEqual([]);
    expect(await messages(rule, httpsListener({ sslPolicy: "ELBSecurityPolicy-2016-08" }))).toEqual(["The HTTPS listener's SSL policy ELBSecurityPolicy-2016-08 is not an allowed TLS 1.2+ policy."]);
    expect(await messages(rule, httpListener({ defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] }))).toEqual(["The HTTP listener on port 80 serves traffic: make its default action a redirect to HTTPS."]);
  });
});
