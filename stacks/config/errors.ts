import type { z } from "zod";
import { PROJECT_NAME } from "../../components/lib/project.js";

/** What is wrong with a stack file, on the key the reader has to fix. */
export interface Problem<Key extends string = string> {
  key: Key;
  message: string;
}

export class PhaseConfigError extends Error {
  readonly source: string;
  readonly problems: string[];

  constructor(
    source: string,
    problems: string[],
  ) {
    super(
      `Invalid stack config in ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        `Fix these keys in ${source}; every key, its type and its meaning are declared in Pulumi.yaml.`,
    );
    this.source = source;
    this.problems = problems;
    this.name = "PhaseConfigError";
  }
}

export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing (the key is missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  if (typeof value === "number") return `${Number.isInteger(value) ? "integer" : "number"} ${value}`;
  if (typeof value === "object") return `an object ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The key as the stack file spells it, so the reader can search for it. */
export function fullKey(key: string): string {
  return `${PROJECT_NAME}:${key}`;
}

/** One line per zod issue, in the stack file's words rather than zod's; `knownKeys` feeds the did-you-mean. */
export function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>, knownKeys: string[]): string[] {
  const [topKey, ...rest] = issue.path.map(String);
  const where = topKey === undefined ? "" : `${fullKey(topKey)}${rest.map((p) => `[${p}]`).join("")}`;
  const found = topKey === undefined ? undefined : rest.reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], raw[topKey]);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const suggestion = closestKey(key, knownKeys);
        return `${fullKey(key)}: unknown key${suggestion ? ` (did you mean ${fullKey(suggestion)}?)` : ""}; expected only keys declared in Pulumi.yaml`;
      });
    case "invalid_type":
      return [`${where}: expected ${({ number: "a number", int: "an integer" } as Record<string, string>)[issue.expected] ?? issue.expected}, found ${describeFound(found)}`];
    case "invalid_value":
      return [`${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, found ${describeFound(found)}`];
    case "too_small":
      return [
        issue.origin === "array"
          ? `${where}: expected at least ${String(issue.minimum)} entries, found ${describeFound(found)}`
          : `${where}: expected at least ${String(issue.minimum)}, found ${describeFound(found)}`,
      ];
    case "too_big":
      return [`${where}: expected at most ${String(issue.maximum)}, found ${describeFound(found)}`];
    default:
      return [`${where}: ${issue.message}, found ${describeFound(found)}`];
  }
}

/** The declared key a typo most likely meant: the nearest by case-insensitive edit distance, if it is near enough to be a typo. */
function closestKey(unknown: string, known: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0] as number;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j] as number;
        row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length] as number;
  };
  const ranked = known.map((k) => ({ k, d: distance(unknown, k) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(unknown.length / 4)) ? best.k : undefined;
}
