import { outputFormat, parseCommandLine, requireOptionValues, UsageError, type OutputFormat } from "../cli/usage.js";

export const USAGE = [
  "Usage: npm run diff -- <before.json> <after.json> [--json | --markdown]",
  "       npm run diff -- --stack <phaseN> --to <phaseM> [--json | --markdown]",
  "       npm run diff -- --base <git ref> --stack <phaseN> [--json | --markdown]",
  "  <before.json> <after.json>  two saved `npm run preview -- --stack phaseN --json` documents",
  "  --stack, --to  two phases synthesized offline: the migration from one to the other",
  "  --base         the phase at a git ref (its own code and stack file) against the working tree; one phase at a time",
  "  --json         the diff as JSON; --markdown  a pull-request comment; default: plain text",
  "Exit codes: 0 the diff was printed (with or without changes), 2 bad usage or an unreadable file.",
].join("\n");

export type DiffArgs =
  | { command: "help" }
  | { command: "files"; before: string; after: string; format: OutputFormat }
  | { command: "stacks"; from: string; to: string; format: OutputFormat }
  | { command: "base"; ref: string; stack: string; format: OutputFormat };

export function parseDiffArgs(argv: string[]): DiffArgs {
  const { values, positionals } = parseCommandLine({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      to: { type: "string" },
      base: { type: "string" },
      json: { type: "boolean", default: false },
      markdown: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) return { command: "help" };
  const format = outputFormat(values);
  requireOptionValues(values, ["stack", "to", "base"]);
  if (values.base !== undefined) {
    if (positionals.length > 0 || values.to !== undefined) throw new UsageError("--base compares the working tree with a git ref: give --stack <phaseN>, not --to or preview files.");
    // One phase a run: the JSON and Markdown documents are one diff each, and CI runs one phase per job.
    if (values.stack === undefined) throw new UsageError("--base needs --stack <phaseN>: one phase at a time.");
    return { command: "base", ref: values.base, stack: values.stack, format };
  }
  if (values.stack !== undefined || values.to !== undefined) {
    if (positionals.length > 0) throw new UsageError("Give two preview files or --stack with --to, not both.");
    if (values.stack === undefined || values.to === undefined) throw new UsageError("--stack and --to go together: --stack <phaseN> --to <phaseM>.");
    return { command: "stacks", from: values.stack, to: values.to, format };
  }
  const [before, after] = positionals;
  if (positionals.length !== 2 || before === undefined || after === undefined) throw new UsageError(`Give two preview files (got ${positionals.length}) or --stack <phaseN> --to <phaseM>.`);
  return { command: "files", before, after, format };
}
