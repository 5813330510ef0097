/**
 * Malformed requests for the fault test, drawn from a seeded PRNG so that a failure replays exactly: random
 * bytes, oversize bodies, wrong content types, deep JSON, bytes that are not UTF-8, lone surrogates, NUL
 * characters, bad ids and numbers, across every route; and, between them, well-formed writes of unusual but
 * valid text, whose stored value the test compares with what was sent.
 */

/** A PRNG returning floats in [0, 1): mulberry32, small and good enough to pick cases reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Targets {
  /** A learner who opted in to correction history: corrections for them are stored. */
  historyLearner: string;
  /** A learner credited with attempts. */
  attemptLearner: string;
  /** Learners whose profile the requests change. */
  patchLearners: string[];
  exerciseId: string;
}

/** What an accepted write stores, to compare with the database afterwards. */
export type IntendedWrite =
  | { kind: "learner"; displayName: string }
  | { kind: "rename"; learnerId: string; displayName: string }
  | { kind: "attempt"; learnerId: string; answer: string }
  | { kind: "correction"; learnerId: string; text: string };

export interface MalformedRequest {
  /** What was sent, in a few words, for failure messages. */
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Set on well-formed writes: what the database must hold if the server accepts the request. */
  write?: IntendedWrite;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";
/** Above the server's body limit for the default MAX_TEXT_LENGTH (20 000 × 9 bytes + 1 MiB). */
export const OVERSIZE_BODY_BYTES = 1_300_000;

/** Valid text that is easy to get wrong on the way to storage: astral characters, combining marks, controls, markup, percent signs. */
const UNUSUAL_PIECES = [
  "Camille", "Élodie", "ŒUVRE", "😀", "👩‍👩‍👧", "e\u0301", "\u200b", "\u202e", "\ufeff", "\ufffd", "\u0001", "\u007f", "中文", "ﬁ", "𝔘",
  "'", '"', "\\", "<b>", "%", "%00", "%FF", "+", "&", "=", "\t", " ", "\u00a0", "ß", "İ", "\u2028",
];

function unusualText(random: Random, pieces: number): string {
  let text = "";
  for (let index = 0; index < pieces; index++) text += pick(random, UNUSUAL_PIECES);
  // Never only whitespace: the routes refuse an empty name or answer, which is not what this case is about.
  return `${text}x`;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8");
const formOf = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(fields).toString(), "utf8");

/** Every route of the API with a body when it takes one; `:id` is filled from the targets. */
function routes(targets: Targets) {
  const patchLearner = targets.patchLearners[0] as string;
  return [
    { method: "POST", path: "/v2/check" },
    { method: "GET", path: "/v2/check" },
    { method: "GET", path: "/v2/languages" },
    { method: "POST", path: "/api/v1/corrections" },
    { method: "GET", path: "/api/v1/explanations" },
    { method: "GET", path: `/api/v1/explanations/${encodeURIComponent("A_OR_À")}` },
    { method: "GET", path: "/api/v1/exercises" },
    { method: "GET", path: `/api/v1/exercises/${encodeURIComponent(targets.exerciseId)}` },
    { method: "POST", path: `/api/v1/exercises/${encodeURIComponent(targets.exerciseId)}/attempts` },
    { method: "POST", path: "/api/v1/learners" },
    { method: "GET", path: `/api/v1/learners/${patchLearner}` },
    { method: "PATCH", path: `/api/v1/learners/${patchLearner}` },
    { method: "GET", path: `/api/v1/learners/${targets.attemptLearner}/progress` },
    { method: "GET", path: "/health/live" },
    { method: "GET", path: "/health/ready" },
    { method: "GET", path: "/docs/json" },
  ] as const;
}

const CONTENT_TYPES = [JSON_TYPE, FORM, "text/plain", "application/xml", "multipart/form-data; boundary=x", "image/png", "text/html", "application/json; charset=utf-16", "application/octet-stream", ";;;", "application/x-www-form-urlencoded; charset=latin1"];
const BAD_BYTES = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];
const BAD_IDS = ["%E0%A4%A", "%00", "a%00b", "%FF", "%ED%A0%80", "..%2F..%2Fetc%2Fpasswd", "conj:%FF:ipre:1sg", "00000000-0000-4000-8000-00000000000g", "%20", "x".repeat(201), "y".repeat(1001), "%C3%A9".repeat(300), "%F0%9F%98%80", "null", "undefined", "__proto__", "constructor"];
const BAD_NUMBERS = ["0x10", "1e1", "-1", "99999999999999999999", "NaN", "", "%205", "5.5", "0b1", "Infinity", "1,2", "%00", "%EF%BC%95"];
const STORED_FIELDS = [
  { path: "/api/v1/learners", field: "displayName", extra: { level: "A1" } },
  { path: "PATCH", field: "displayName", extra: {} },
  { path: "ATTEMPT", field: "answer", extra: {} },
  { path: "/api/v1/corrections", field: "text", extra: {} },
] as const;

function storedTarget(random: Random, targets: Targets, learnerIndex: number) {
  const target = pick(random, STORED_FIELDS);
  const exercise = `/api/v1/exercises/${encodeURIComponent(targets.exerciseId)}/attempts`;
  if (target.path === "PATCH") return { method: "PATCH", path: `/api/v1/learners/${targets.patchLearners[learnerIndex % targets.patchLearners.length]}`, field: target.field, extra: {} as Record<string, string> };
  if (target.path === "ATTEMPT") return { method: "POST", path: exercise, field: target.field, extra: { learnerId: targets.attemptLearner } as Record<string, string> };
  if (target.path === "/api/v1/corrections") return { method: "POST", path: target.path, field: target.field, extra: { learnerId: targets.historyLearner } as Record<string, string> };
  return { method: "POST", path: target.path, field: target.field, extra: target.extra as Record<string, string> };
}

/** Places `inner` raw inside a JSON string of `field`, beside `extra`'s fields. */
function jsonWithRawString(field: string, inner: Buffer, extra: Record<string, string>): Buffer {
  const head = JSON.stringify(extra).slice(0, -1);
  return Buffer.concat([Buffer.from(`${head}${head.length > 1 ? "," : ""}"${field}":"Cam`), inner, Buffer.from('ille"}')]);
}

/** Request number `index` of the run: the kind rotates, everything else is drawn from `random`. */
export function malformedRequest(random: Random, index: number, targets: Targets): MalformedRequest {
  const route = pick(random, routes(targets));
  switch (index % 12) {
    case 0: {
      const body = Buffer.from(Array.from({ length: between(random, 0, 2000) }, () => between(random, 0, 255)));
      const contentType = pick(random, CONTENT_TYPES);
      return { label: `${body.length} random bytes as ${contentType}`, method: route.method === "GET" ? "POST" : route.method, path: route.path, headers: { "content-type": contentType }, body };
    }
    case 1: {
      if (index % 48 !== 1) {
        const contentType = pick(random, CONTENT_TYPES.slice(3));
        return { label: `a JSON body labelled ${contentType}`, method: "POST", path: pick(random, ["/v2/check", "/api/v1/corrections", "/api/v1/learners"]), headers: { "content-type": contentType }, body: json({ text: "Il mange.", displayName: "Ana", level: "A1" }) };
      }
      const contentType = pick(random, [FORM, JSON_TYPE, "text/plain"]);
      return { label: `an oversize ${contentType} body`, method: "POST", path: pick(random, ["/v2/check", "/api/v1/corrections", "/api/v1/learners"]), headers: { "content-type": contentType }, body: Buffer.alloc(OVERSIZE_BODY_BYTES, "a") };
    }
    case 2: {
      const depth = between(random, 33, 20_000);
      const nested = "[".repeat(depth) + "]".repeat(depth);
      const body = random() < 0.5 ? nested : `{"text":${nested},"displayName":${nested}}`;
      return { label: `JSON nested ${depth} levels`, method: route.method === "GET" ? "POST" : route.method, path: route.method === "GET" ? "/v2/check" : route.path, headers: { "content-type": JSON_TYPE }, body: Buffer.from(body) };
    }
    case 3: {
      const depth = between(random, 33, 20_000);
      const data = `{"annotation":[{"text":"Il mange."}],"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
      return { label: `data nested ${depth} levels`, method: "POST", path: "/v2/check", headers: { "content-type": FORM }, body: formOf({ data, language: "fr" }) };
    }
    case 4: {
      const target = storedTarget(random, targets, index);
      const bad = Buffer.from(pick(random, BAD_BYTES));
      if (random() < 0.5) {
        return { label: `bytes ${bad.toString("hex")} that are not UTF-8 in "${target.field}"`, method: target.method, path: target.path, headers: { "content-type": JSON_TYPE }, body: jsonWithRawString(target.field, bad, target.extra) };
      }
      const encoded = [...bad].map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
      return { label: `percent-encoded bytes ${encoded} that are not UTF-8 in "${target.field}"`, method: target.method, path: target.path, headers: { "content-type": FORM }, body: Buffer.from(`${new URLSearchParams(target.extra).toString()}&${target.field}=Cam${encoded}ille`) };
    }
    case 5: {
      const target = storedTarget(random, targets, index);
      const unit = pick(random, ["\\uD800", "\\uDBFF", "\\uDC00", "\\uDFFF", "\\uD83D"]);
      return { label: `a lone surrogate ${unit} in "${target.field}"`, method: target.method, path: target.path, headers: { "content-type": JSON_TYPE }, body: jsonWithRawString(target.field, Buffer.from(unit), target.extra) };
    }
    case 6: {
      const target = storedTarget(random, targets, index);
      if (random() < 0.5) {
        return { label: `a NUL in "${target.field}"`, method: target.method, path: target.path, headers: { "content-type": JSON_TYPE }, body: jsonWithRawString(target.field, Buffer.from("\\u0000"), target.extra) };
      }
      return { label: `a NUL in "${target.field}" of a form`, method: target.method, path: target.path, headers: { "content-type": FORM }, body: formOf({ ...target.extra, [target.field]: "Cam\u0000ille" }) };
    }
    case 7: {
      const id = pick(random, BAD_IDS);
      const template = pick(random, ["/api/v1/exercises/:id", "/api/v1/exercises/:id/attempts", "/api/v1/learners/:id", "/api/v1/learners/:id/progress", "/api/v1/explanations/:id"]);
      const method = template.endsWith("attempts") ? "POST" : random() < 0.2 ? "PATCH" : "GET";
      return { label: `the id ${JSON.stringify(id.slice(0, 40))}`, method, path: template.replace(":id", id), headers: method === "GET" ? {} : { "content-type": JSON_TYPE }, ...(method === "GET" ? {} : { body: json({ answer: "a", displayName: "Ana" }) }) };
    }
    case 8: {
      const name = pick(random, ["limit", "offset"]);
      const value = pick(random, BAD_NUMBERS);
      return { label: `${name}=${value}`, method: "GET", path: `/api/v1/exercises?${name}=${value}`, headers: {} };
    }
    case 9: {
      const junk = pick(random, ["language=en", "text=%00", "text=", "enabledOnly=maybe", "level=3", "data=%7B", "text=a&data=b", "text=%ED%A0%80", "motherTongue[]=1", "text[0]=a"]);
      return { label: `GET /v2/check?${junk}`, method: "GET", path: `/v2/check?${junk}`, headers: {} };
    }
    case 10: {
      const method = pick(random, ["DELETE", "PUT", "OPTIONS", "TRACE", "PATCH", "POST"]);
      return { label: `${method} ${route.path}`, method, path: route.path, headers: { "content-type": JSON_TYPE }, body: json({}) };
    }
    default:
      return wellFormedWrite(random, index, targets);
  }
}

/** A valid write of unusual text, as JSON or as a form: accepted, it must be stored exactly as sent (less the documented trim). */
function wellFormedWrite(random: Random, index: number, targets: Targets): MalformedRequest {
  const asForm = random() < 0.4;
  const encode = (fields: Record<string, string>) => (asForm ? formOf(fields) : json(fields));
  const headers = { "content-type": asForm ? FORM : JSON_TYPE };
  const text = unusualText(random, between(random, 1, 8));
  switch (between(random, 0, 3)) {
    case 0:
      return { label: `a learner named ${JSON.stringify(text)}`, method: "POST", path: "/api/v1/learners", headers, body: encode({ displayName: text, level: "B2" }), write: { kind: "learner", displayName: text.trim() } };
    case 1: {
      const learnerId = targets.patchLearners[index % targets.patchLearners.length] as string;
      return { label: `a learner renamed ${JSON.stringify(text)}`, method: "PATCH", path: `/api/v1/learners/${learnerId}`, headers, body: encode({ displayName: text }), write: { kind: "rename", learnerId, displayName: text.trim() } };
    }
    case 2:
      return {
        label: `the answer ${JSON.stringify(text)}`,
        method: "POST",
        path: `/api/v1/exercises/${encodeURIComponent(targets.exerciseId)}/attempts`,
        headers,
        body: encode({ answer: text, learnerId: targets.attemptLearner }),
        write: { kind: "attempt", learnerId: targets.attemptLearner, answer: text.trim() },
      };
    default: {
      const sentence = `Il a manger ${text} des pomme.`;
      return { label: `the correction of ${JSON.stringify(sentence)}`, method: "POST", path: "/api/v1/corrections", headers, body: encode({ text: sentence, learnerId: targets.historyLearner }), write: { kind: "correction", learnerId: targets.historyLearner, text: sentence } };
    }
  }
}

/** Requests that are not HTTP a server can parse, written on a socket of their own. */
export const UNPARSEABLE_REQUESTS: readonly { label: string; raw: Buffer }[] = [
  { label: "headers over 16 KiB", raw: Buffer.from(`GET /health/live HTTP/1.1\r\nHost: x\r\nCookie: ${"a".repeat(20_000)}\r\n\r\n`) },
  { label: "both Content-Length and chunked", raw: Buffer.from("POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") },
  { label: "a TLS ClientHello", raw: Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]) },
  { label: "a request line with spaces in the path", raw: Buffer.from("GET /api v1/exercises HTTP/1.1\r\nHost: x\r\n\r\n") },
  { label: "a header name with a NUL", raw: Buffer.from("GET /health/live HTTP/1.1\r\nHost: x\r\nX-\u0000: 1\r\n\r\n", "latin1") },
  { label: "a bad chunk size", raw: Buffer.from("POST /v2/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\nzz\r\nabc\r\n0\r\n\r\n") },
];
