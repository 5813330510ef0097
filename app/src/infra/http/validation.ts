/**
 * Request validation with zod: one schema per input, used both to check requests (with messages that
 * name the field, the value received and what is expected) and, converted, to document them in OpenAPI.
 */
import { z } from "zod";
import { HttpError, badRequest, quoteInput } from "./errors.js";
import { unstorableCharacter } from "./text-input.js";

/** Fastify route schema for the docs only: validation happens in the handlers, with our own messages. */
export function openApi(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: "openapi-3.0", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

/**
 * A whole number from `min` to `max` written in decimal digits, as a query string carries it: `Number()` alone
 * would also take `0x10`, `1e1`, ` 10 ` or an empty string.
 */
export function decimalInteger(min: number, max: number) {
  return z
    .string()
    .refine((raw) => /^\d{1,15}$/.test(raw), { error: `must be a whole number written in decimal digits, from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** The first string in `data`, at any depth, that cannot be stored as sent, as the sentence saying why; field names are dotted paths. */
function firstUnstorableString(data: unknown): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value: data, path: "" }];
  for (let index = 0; index < pending.length; index++) {
    const { value, path } = pending[index] as { value: unknown; path: string };
    if (typeof value === "string") {
      const problem = unstorableCharacter(value, path);
      if (problem !== undefined) return problem;
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, path: path === "" ? key : `${path}.${key}` });
    }
  }
  return undefined;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
};

/** Error messages phrased to follow the field name: `"level" must be one of A1, A2 (got "Z9")`. */
function phrase(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return "is required";
  switch (issue.code) {
    case "invalid_type":
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => String(value)).join(", ")}`;
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    case "invalid_format":
      return `must be a valid ${issue.format}`;
    case "unrecognized_keys":
      return `has unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    default:
      return undefined;
  }
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, where: string): string {
  const field = issue.path.length > 0 ? `"${issue.path.map(String).join(".")}"` : where;
  const value = valueAt(data, issue.path);
  const received = value === undefined ? "nothing" : quoteInput(value);
  return `${field} ${issue.message} (got ${received})`;
}

/**
 * The parsed value, or a 400 listing each problem; `where` names the input ("request body", "query string").
 * Any string holding a character that could not be stored as sent is refused first (400 `invalid_text`).
 */
export function parseWith<Schema extends z.ZodType>(schema: Schema, data: unknown, where: string): z.output<Schema> {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    if (data === undefined || data === null) data = {};
    else {
      throw badRequest("invalid_parameter", `The ${where} must be a JSON object or form fields, got ${quoteInput(data)}.`);
    }
  }
  const unstorable = firstUnstorableString(data);
  if (unstorable !== undefined) throw badRequest("invalid_text", unstorable);
  const result = schema.safeParse(data, { error: phrase });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, data, where));
  throw new HttpError(400, "invalid_parameter", `Invalid ${where}: ${problems.join("; ")}.`);
}
