/**
 * Request bodies as LanguageTool clients send them. Most send application/x-www-form-urlencoded; some
 * send that same form body labelled application/json, so a JSON-labelled body that is not JSON but reads
 * as a form is taken as a form (and so is a text/plain one). A real JSON body is parsed as JSON.
 * Anything else is a 400 that says so; other media types are a 415.
 */
import formbody from "@fastify/formbody";
import fp from "fastify-plugin";
import { badRequest } from "./errors.js";
import { requireBoundedJsonNesting } from "./json-depth.js";

/** A form body as an object; a field sent twice becomes an array of its values, in order. */
export function parseForm(body: string): Record<string, string | string[]> {
  // No prototype: a field named __proto__ or constructor is just a field.
  const fields = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(body)) {
    const previous = Object.hasOwn(fields, key) ? fields[key] : undefined;
    fields[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return fields;
}

/** `key=value` pairs joined by &: what a form body looks like, and what a JSON document never does. */
const FORM_BODY = /^[^\s={}[\]"&]+=[^]*$/;

export function parseJsonOrForm(body: string): unknown {
  const trimmed = body.trim();
  if (trimmed === "") return {};
  // A form body cannot be JSON (its first field name has no bracket), so only the others are bounded.
  if (!FORM_BODY.test(trimmed)) requireBoundedJsonNesting(trimmed, "The request body");
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    if (FORM_BODY.test(trimmed)) return parseForm(trimmed);
    throw badRequest(
      "invalid_json",
      `The request body is not valid JSON (${(error as Error).message}) nor form fields: send a JSON object such as {"text":"…","language":"fr"}, ` +
        "or a form body (text=…&language=fr) with Content-Type application/x-www-form-urlencoded.",
    );
  }
}

export const bodyParsingPlugin = fp(
  async (app) => {
    await app.register(formbody, { parser: parseForm });
    // text/plain too: a form or JSON body sent without a proper Content-Type is still read.
    app.removeContentTypeParser(["application/json", "text/plain"]);
    app.addContentTypeParser(["application/json", "text/plain"], { parseAs: "string" }, (_request, body, done) => {
      try {
        done(null, parseJsonOrForm(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  },
  { name: "body-parsing", fastify: "5.x" },
);
