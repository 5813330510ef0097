/** What the project's commands share in reading their arguments: one usage error, strict parsing, the output format. */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Bad usage: the command's runner prints the message with its usage text and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** node:util's parseArgs, strict, its own refusals (unknown option, missing value) turned into UsageError. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ strict: true, ...config });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export type OutputFormat = "text" | "json" | "markdown";

/** `--json` or `--markdown` (not both), plain text otherwise. */
export function outputFormat(values: { json?: boolean | undefined; markdown?: boolean | undefined }): OutputFormat {
  if (values.json && values.markdown) throw new UsageError("Give --json or --markdown, not both.");
  return values.json ? "json" : values.markdown ? "markdown" : "text";
}

/** Refuses `--name=` given empty for each of the string options `names`. */
export function requireOptionValues(values: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) if (values[name] === "") throw new UsageError(`--${name} needs a value.`);
}

/** Where a command writes, so that its tests read what it printed. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}
