import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { z } from "zod";

/** The app's content files (explanations, exercises): data edited by people who teach French, not by programmers. */
export const CONTENT_DIR = new URL("../../../content/", import.meta.url);

export class ContentError extends Error {
  readonly file: string;
  readonly problems: string[];

  constructor(
    file: string,
    problems: string[],
  ) {
    super(`Invalid content in ${file}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nFix the file; its header says what each field means.`);
    this.file = file;
    this.problems = problems;
    this.name = "ContentError";
  }
}

/** `topics[3] (A_OR_À).example.correct`: the path, with the id of the entry it is in when it has one. */
function describePath(document: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = document;
  let described = "";
  for (const key of path) {
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    const id = (node as { id?: unknown } | undefined)?.id;
    described += typeof key === "number" ? `[${key}]${typeof id === "string" ? ` (${id})` : ""}` : `${described === "" ? "" : "."}${String(key)}`;
  }
  return described === "" ? "the document" : described;
}

/**
 * Reads a YAML content file and validates it, reporting every problem with the entry and field at fault.
 * `crossChecks` says what no single field can (unique ids, links between entries).
 */
export function loadContent<S extends z.ZodType>(name: string, schema: S, crossChecks: (content: z.output<S>) => string[] = () => []): z.output<S> {
  const url = new URL(name, CONTENT_DIR);
  const file = fileURLToPath(url);
  let document: unknown;
  try {
    document = parse(readFileSync(url, "utf8"));
  } catch (error) {
    throw new ContentError(file, [`cannot be read as YAML: ${(error as Error).message}`]);
  }
  return parseContent(file, document, schema, crossChecks);
}

export function parseContent<S extends z.ZodType>(file: string, document: unknown, schema: S, crossChecks: (content: z.output<S>) => string[] = () => []): z.output<S> {
  const result = schema.safeParse(document);
  if (!result.success) {
    throw new ContentError(file, result.error.issues.map((issue) => `${describePath(document, issue.path)}: ${issue.message}`));
  }
  const problems = crossChecks(result.data);
  if (problems.length > 0) throw new ContentError(file, problems);
  return result.data;
}

/** Each value that occurs more than once, with what says where. */
export function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}
