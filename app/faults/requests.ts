/** What the fault tests send and read, as a client over HTTP would. */

/** POST /v2/check as LanguageTool clients send it. */
export function checkText(url: string, text: string): Promise<Response> {
  return fetch(`${url}/v2/check`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ text, language: "fr-FR" }).toString(),
  });
}

/** POSTs `body` as JSON, with an Idempotency-Key when given. */
export function postJson(url: string, body: unknown, idempotencyKey?: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(idempotencyKey === undefined ? {} : { "idempotency-key": idempotencyKey }) },
    body: JSON.stringify(body),
  });
}

interface ReadinessBody {
  dependencies: Record<string, { status: string }>;
}

/** /health/ready's HTTP status and what it says of the cache. */
export async function cacheReadiness(url: string): Promise<{ httpStatus: number; cache: string | undefined }> {
  const response = await fetch(`${url}/health/ready`);
  const body = (await response.json()) as ReadinessBody;
  return { httpStatus: response.status, cache: body.dependencies.cache?.status };
}

/** The app's log lines (pino JSON) carrying `msg`, parsed. */
export function logLines(output: string, msg: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes(msg))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg);
}
