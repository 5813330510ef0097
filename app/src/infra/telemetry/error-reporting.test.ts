import * as Sentry from "@sentry/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formBody, startTestStack, type TestStack } from "../../../testing/api-harness.js";
import { startHttpSink, type HttpSink } from "../../../testing/http-sink.js";
import { waitFor } from "../../../testing/wait.js";
import { APP_VERSION } from "../../version.js";
import type { GrammarEngine } from "../grammar/engine.js";
import { flushTelemetry, startTelemetry } from "./start.js";

/** An engine with a bug: what a 500 looks like from the inside. */
class EngineBug extends Error {
  override name = "EngineBug";
}
const brokenEngine: GrammarEngine = {
  version: "broken-engine 0",
  parallelism: 1,
  check: async () => {
    throw new EngineBug("offsets out of range in the rule mapper");
  },
  conjugate: async () => null,
  queueDepth: () => 0,
  isReady: () => true,
  close: async () => {},
};

/** A learner's text: it must never reach Sentry, in the body or in a query string. */
const LEARNER_TEXT = "Mon voisin Gaspard Lefèvre habite au 12 rue des Lilas.";

interface EnvelopeItem {
  header: { type?: string };
  payload: { exception?: { values: { type: string; value: string }[] }; release?: string; environment?: string; request?: unknown };
}

function envelopeItems(body: string): EnvelopeItem[] {
  const lines = body.split("\n").filter((line) => line !== "");
  const items: EnvelopeItem[] = [];
  for (let i = 1; i + 1 < lines.length; i += 2) items.push({ header: JSON.parse(lines[i] as string), payload: JSON.parse(lines[i + 1] as string) });
  return items;
}

describe("error reporting to Sentry, against a local stand-in for its ingest", () => {
  let ingest: HttpSink;
  let stack: TestStack;
  let base: string;

  beforeAll(async () => {
    ingest = await startHttpSink();
    stack = await startTestStack({ purpose: "sentry", engine: brokenEngine });
    await stack.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(stack.app.server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await flushTelemetry(2000);
    await stack?.close();
    await ingest?.close();
  });

  const check = (query = "") =>
    fetch(`${base}/v2/check${query}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: formBody({ text: LEARNER_TEXT, language: "fr" }) });

  it("starts nothing and sends nothing without SENTRY_DSN", async () => {
    await startTelemetry({});
    expect(Sentry.isInitialized()).toBe(false);
    expect((await check()).status).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ingest.received).toEqual([]);
  });

  it("reports a 500 with the exception, the release and the environment, without the learner's text", async () => {
    await startTelemetry({ sentry: { dsn: `http://publickey@127.0.0.1:${ingest.port}/1`, environment: "phase2" } });
    expect(Sentry.isInitialized()).toBe(true);
    const response = await check(`?text=${encodeURIComponent(LEARNER_TEXT)}`);
    expect(response.status).toBe(500);
    await Sentry.flush(5000);
    await waitFor(() => ingest.received.some((request) => envelopeItems(request.body).some((item) => item.header.type === "event")), "an event envelope", 10_000);

    const events = ingest.received.flatMap((request) => envelopeItems(request.body)).filter((item) => item.header.type === "event");
    expect(events).toHaveLength(1);
    const event = events[0]!.payload;
    expect(event.exception?.values.at(-1)).toMatchObject({ type: "EngineBug", value: "offsets out of range in the rule mapper" });
    expect(event.release).toBe(APP_VERSION);
    expect(event.environment).toBe("phase2");
    expect(ingest.received[0]!.url.split("?")[0]).toBe("/api/1/envelope/");
    for (const request of ingest.received) {
      expect(request.body).not.toContain("Gaspard");
      expect(request.body).not.toContain("Gaspard".replace(" ", "+"));
    }
  });

  it("does not report a 400 (the client's mistake)", async () => {
    const before = ingest.received.length;
    const response = await fetch(`${base}/v2/check`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: formBody({ text: LEARNER_TEXT, language: "xx" }) });
    expect(response.status).toBe(400);
    await Sentry.flush(2000);
    expect(ingest.received.slice(before).flatMap((request) => envelopeItems(request.body)).filter((item) => item.header.type === "event")).toEqual([]);
  });
});
