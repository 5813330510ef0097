/** Reading preview inputs in security rules: what the preview shows is plain JSON, secrets as "[secret]". */

export type Props = Record<string, unknown>;

export function asRecord(value: unknown): Props {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function asStrings(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === "string");
}

/** A policy document given as a JSON string (or already an object); undefined when it cannot be read. */
export function policyDocument(value: unknown): { Statement?: unknown } | undefined {
  if (typeof value === "string") {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === "object" ? asRecord(value) : undefined;
}
