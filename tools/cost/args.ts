import { parseArgs } from "node:util";

export const USAGE = [
  "Usage: npm run cost -- --stack <phaseN> [--json | --markdown]",
  "       npm run cost -- --preview <preview.json> [--stack <phaseN>] [--json | --markdown]",
  "  --stack    the phase whose preview is synthesized offline, and whose targets (requests, budget) apply",
  "  --preview  a saved `npm run preview -- --stack phaseN --json` (or `pulumi preview --json`) document; its stack",
  "             is read from its URNs unless --stack names it",
  "  --catalog  another price catalog (default: tools/cost/prices.yaml)",
  "  --json     the report as JSON; --markdown  a pull-request comment; default: plain text",
  "Exit codes: 0 the estimate was printed (over budget included: it is an estimate), 2 bad usage or unreadable input.",
].join("\n");

export type Format = "text" | "json" | "markdown";

export type CostArgs = { command: "help" } | { command: "estimate"; stack?: string; preview?: string; catalog?: string; format: Format };

/** Bad usage: the runner prints the message with the usage and exits 2. */
export class CostUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CostUsageError";
  }
}

export function parseCostArgs(argv: string[]): CostArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        stack: { type: "string", short: "s" },
        preview: { type: "string" },
        catalog: { type: "string" },
        json: { type: "boolean", default: false },
        markdown: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CostUsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return { command: "help" };
  if (values.json && values.markdown) throw new CostUsageError("Give --json or --markdown, not both.");
  for (const name of ["stack", "preview", "catalog"] as const) if (values[name] === "") throw new CostUsageError(`--${name} needs a value.`);
  if (values.stack === undefined && values.preview === undefined) throw new CostUsageError("Give --stack <phaseN>, or --preview <file.json>.");
  const format: Format = values.json ? "json" : values.markdown ? "markdown" : "text";
  return {
    command: "estimate",
    format,
    ...(values.stack === undefined ? {} : { stack: values.stack }),
    ...(values.preview === undefined ? {} : { preview: values.preview }),
    ...(values.catalog === undefined ? {} : { catalog: values.catalog }),
  };
}
