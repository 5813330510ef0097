import { parseCommandLine, UsageError } from "../cli/usage.js";

export const USAGE = [
  "Usage: npm run policy -- --stack <phase1|phase2|phase3|phase4> [--config pack-config.json] [--json]",
  "       npm run policy -- --preview preview.json [--stack <stack>] [--config pack-config.json] [--json]",
  "       npm run policy -- --write-config",
  "  --stack     the phase to synthesize offline, or with --preview the phase whose config applies (default: the document's stack)",
  "  --preview   a saved `npm run preview -- --json` document to check instead of synthesizing",
  "  --config    a policy pack config laid over the phase's generated one (`disabled` honoured)",
  "  --json      the verdict as JSON on stdout",
  "  --write-config  regenerate policies/config/<stack>.json from the stack files",
  "Exit codes: 0 no mandatory violation (advisories may be printed), 1 a mandatory rule is violated, 2 bad usage.",
].join("\n");

export type RunnerArgs =
  | { command: "help" }
  | { command: "write-config" }
  | { command: "check"; stack?: string; preview?: string; config?: string; json: boolean };

export function parseRunnerArgs(argv: string[]): RunnerArgs {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      preview: { type: "string", short: "p" },
      config: { type: "string", short: "c" },
      json: { type: "boolean", default: false },
      "write-config": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) return { command: "help" };
  if (values["write-config"]) {
    const extra = (["stack", "preview", "config"] as const).filter((name) => values[name] !== undefined);
    if (extra.length > 0 || values.json) throw new UsageError(`--write-config writes every stack's file and takes no other option (got ${[...extra, ...(values.json ? ["json"] : [])].map((name) => `--${name}`).join(", ")}).`);
    return { command: "write-config" };
  }
  for (const name of ["stack", "preview", "config"] as const) {
    if (values[name] === "") throw new UsageError(`--${name} needs a value.`);
  }
  if (values.stack === undefined && values.preview === undefined) throw new UsageError("Give --stack <phase> (synthesized offline) or --preview <file.json> (a saved preview).");
  return {
    command: "check",
    ...(values.stack === undefined ? {} : { stack: values.stack }),
    ...(values.preview === undefined ? {} : { preview: values.preview }),
    ...(values.config === undefined ? {} : { config: values.config }),
    json: values.json,
  };
}
