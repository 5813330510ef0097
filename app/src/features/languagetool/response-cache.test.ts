/** /v2/check answers kept serialized: repeated requests, and requests that differ by one parameter. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CacheLayerName } from "../../infra/cache/layered-cache.js";
import { formBody, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { UnreadBody, readFormBody, readJsonOrFormBody } from "../../infra/http/body-parsing.js";
import { checkResponseKey, requestKey } from "./response-cache.js";
import type { LanguageToolCheckResponse } from "./response.js";

describe("checkResponseKey", () => {
  it("does not depend on the order the parameters came in", () => {
    expect(checkResponseKey({ text: "Il pleut.", language: "fr", level: "picky" }, "grammalecte-2")).toBe(
      checkResponseKey({ level: "picky", language: "fr", text: "Il pleut." }, "grammalecte-2"),
    );
  });

  it("changes with any parameter, known to the check or not, with its type, and with the engine version", () => {
    const base = checkResponseKey({ text: "Il pleut.", language: "fr" }, "grammalecte-2");
    expect(checkResponseKey({ text: "Il pleut.", language: "fr" }, "grammalecte-3")).not.toBe(base);
    expect(checkResponseKey({ text: "Il pleut.", language: "fr-FR" }, "grammalecte-2")).not.toBe(base);
    expect(checkResponseKey({ text: "Il pleut.", language: "fr", preferredVariants: "fr-FR" }, "grammalecte-2")).not.toBe(base);
    expect(checkResponseKey({ text: "Il pleut.", language: "fr", enabledOnly: "true" }, "grammalecte-2")).not.toBe(
      checkResponseKey({ text: "Il pleut.", language: "fr", enabledOnly: true }, "grammalecte-2"),
    );
  });
});

describe("requestKey", () => {
  const FORM = "application/x-www-form-urlencoded";
  const request = (overrides: { method?: string; url?: string; contentType?: string; bytes?: string } = {}) => ({
    method: overrides.method ?? "POST",
    url: overrides.url ?? "/v2/check",
    headers: { "content-type": overrides.contentType ?? FORM },
    body: new UnreadBody(Buffer.from(overrides.bytes ?? "text=Il+pleut.&language=fr"), overrides.contentType ?? FORM, readFormBody),
  });

  it("is the same for the same bytes, whatever their Buffer", () => {
    expect(requestKey(request(), "grammalecte-2")).toBe(requestKey(request(), "grammalecte-2"));
  });

  it("changes with the engine version, the method, the URL's query, the Content-Type and any byte of the body", () => {
    const base = requestKey(request(), "grammalecte-2");
    const others = [
      requestKey(request(), "grammalecte-3"),
      requestKey(request({ method: "GET" }), "grammalecte-2"),
      requestKey(request({ url: "/v2/check?level=picky" }), "grammalecte-2"),
      requestKey(request({ contentType: "application/json" }), "grammalecte-2"),
      requestKey(request({ bytes: "text=Il+pleut!&language=fr" }), "grammalecte-2"),
      requestKey(request({ bytes: "language=fr&text=Il+pleut." }), "grammalecte-2"),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it("tells apart bodies that differ only in bytes that are not UTF-8 text", () => {
    const latin1 = { ...request(), body: new UnreadBody(Buffer.from([0x74, 0x3d, 0xe9]), FORM, readFormBody) };
    const replaced = { ...request(), body: new UnreadBody(Buffer.from("t=\ufffd"), FORM, readFormBody) };
    expect(requestKey(latin1, "v")).not.toBe(requestKey(replaced, "v"));
  });

  it("keys a request without a body by its URL alone, and one whose body a parser already read by its JSON", () => {
    const get = { method: "GET", url: "/v2/check?text=Il+pleut.&language=fr", headers: {}, body: undefined };
    expect(requestKey(get, "v")).toBe(requestKey({ ...get }, "v"));
    expect(requestKey(get, "v")).not.toBe(requestKey({ ...get, url: "/v2/check?text=Il+neige.&language=fr" }, "v"));
    const parsed = { method: "POST", url: "/v2/check", headers: { "content-type": "application/json" }, body: { text: "Il pleut." } };
    expect(requestKey(parsed, "v")).toBe(requestKey({ ...parsed, body: { text: "Il pleut." } }, "v"));
    expect(requestKey(parsed, "v")).not.toBe(requestKey({ ...parsed, body: { text: "Il neige." } }, "v"));
  });

  it("reads an unread body as the parsers do, with their errors", () => {
    expect(new UnreadBody(Buffer.from("text=Il+pleut.&language=fr"), FORM, readFormBody).read()).toEqual({ text: "Il pleut.", language: "fr" });
    expect(new UnreadBody(Buffer.from('{"text":"Il pleut."}'), "application/json", readJsonOrFormBody).read()).toEqual({ text: "Il pleut." });
    expect(() => new UnreadBody(Buffer.from("text=Il"), `${FORM}; charset=latin1`, readFormBody).read()).toThrow(/charset "latin1"/);
  });
});

describe("POST /v2/check answers from its cache of answers", () => {
  let stack: TestStack;
  let lookups = 0;

  beforeAll(async () => {
    stack = await startTestStack({ purpose: "lt_answers" });
    // Counts the requests that went past the cache of answers, down to the corrections layer.
    const cache = stack.cache;
    const getOrCompute = cache.getOrCompute.bind(cache);
    cache.getOrCompute = <T>(layer: CacheLayerName, keyInput: unknown, compute: () => Promise<T>) => {
      lookups += 1;
      return getOrCompute(layer, keyInput, compute);
    };
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function post(fields: Record<string, string>): Promise<{ body: string; contentType: string | undefined }> {
    const response = await stack.app.inject({
      method: "POST",
      url: "/v2/check",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formBody(fields),
    });
    expect(response.statusCode, response.body).toBe(200);
    return { body: response.body, contentType: response.headers["content-type"] as string | undefined };
  }

  /** Matches of three categories at the default level: agreement, conjugation and spelling. */
  const TEXT = "L'homme est là: il arrive! Les chat noir dorment. Ils mange une pomme délicieusse.";

  it("answers a repeated request with the same bytes without looking up its matches again", async () => {
    const first = await post({ text: TEXT, language: "fr-FR" });
    const lookupsAfterFirst = lookups;
    expect(lookupsAfterFirst).toBeGreaterThan(0);

    const again = await post({ language: "fr-FR", text: TEXT });
    expect(again).toEqual(first);
    expect(again.contentType).toBe("application/json; charset=utf-8");
    expect(lookups).toBe(lookupsAfterFirst);
    expect((JSON.parse(again.body) as LanguageToolCheckResponse).matches.length).toBeGreaterThan(0);
  });

  it("answers a request sent again byte for byte without reading its body, and the same fields in another order after reading it once", async () => {
    const reads = vi.spyOn(UnreadBody.prototype, "read");
    try {
      const fields = { text: `${TEXT} Une fois.`, language: "fr-FR" };
      const first = await post(fields);
      expect(reads).toHaveBeenCalledTimes(1);
      const lookupsAfterFirst = lookups;

      expect(await post(fields)).toEqual(first);
      expect(reads).toHaveBeenCalledTimes(1);

      expect(await post({ language: fields.language, text: fields.text })).toEqual(first);
      expect(reads).toHaveBeenCalledTimes(2);
      expect(lookups).toBe(lookupsAfterFirst);

      expect(await post({ language: fields.language, text: fields.text })).toEqual(first);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });

  it("still parses the bodies of the other routes", async () => {
    const response = await stack.app.inject({
      method: "POST",
      url: "/api/v1/corrections",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ text: "Ils mange une pomme." }),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain("mangent");
  });

  it("gives a different answer to requests that differ by one parameter, each then answered from the cache", async () => {
    const base = { text: TEXT, language: "fr-FR" };
    const baseBody = (await post(base)).body;
    const categories = (JSON.parse(baseBody) as LanguageToolCheckResponse).matches.map((match) => match.rule.category.id);
    expect(new Set(categories).size, baseBody).toBeGreaterThanOrEqual(3);
    const agreement = (JSON.parse(baseBody) as LanguageToolCheckResponse).matches.find((match) => match.rule.category.id === "AGREEMENT");
    const ruleId = agreement!.rule.id;

    const variants: Record<string, string>[] = [
      { ...base, text: `${TEXT} Ils mange.` },
      { data: JSON.stringify({ annotation: [{ markup: "<p>" }, { text: TEXT }, { markup: "</p>" }] }), language: "fr-FR" },
      { ...base, language: "fr" },
      { ...base, level: "picky" },
      { ...base, disabledRules: ruleId },
      { ...base, enabledRules: ruleId, enabledOnly: "true" },
      { ...base, disabledCategories: "CONJUGATION" },
      { ...base, enabledCategories: "CONJUGATION", enabledOnly: "true" },
    ];
    const bodies = new Set([baseBody]);
    for (const variant of variants) {
      const { body } = await post(variant);
      expect(bodies.has(body), `${JSON.stringify(variant)} got an answer already given to another request`).toBe(false);
      bodies.add(body);

      const lookupsBefore = lookups;
      expect((await post(variant)).body).toBe(body);
      expect(lookups).toBe(lookupsBefore);
    }
  });

  it("keeps no answer that failed: a bad request is refused every time", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await stack.app.inject({
        method: "POST",
        url: "/v2/check",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formBody({ text: TEXT, language: "fr-FR", level: "pointilleux" }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain("pointilleux");
    }
  });
});
