import { outputFormat, parseCommandLine, requireOptionValues, UsageError, type OutputFormat } from "../cli/usage.js";

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

export type CostArgs = { command: "help" } | { command: "estimate"; stack?: string; preview?: string; catalog?: string; format: OutputFormat };

export function parseCostArgs(argv: string[]): CostArgs {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      preview: { type: "string" },
      catalog: { type: "string" },
      json: { type: "boolean", default: false },
      markdown: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) return { command: "help" };
  const format = outputFormat(values);
  requireOptionValues(values, ["stack", "preview", "catalog"]);
  if (values.stack === undefined && values.preview === undefined) throw new UsageError("Give --stack <phaseN>, or --preview <file.json>.");
  return {
    command: "estimate",
    format,
    ...(values.stack === undefined ? {} : { stack: values.stack }),
    ...(values.preview === undefined ? {} : { preview: values.preview }),
    ...(values.catalog === undefined ? {} : { catalog: values.catalog }),
  };
}
