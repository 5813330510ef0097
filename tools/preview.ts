import { parseArgs } from "node:util";
import { loadStackConfig } from "../stacks/config/load.js";
import { formatSummary } from "./offline/summary.js";
import { synthesizePhase } from "./offline/synthesize.js";

const usage = "Usage: npm run preview -- --stack <phase1|phase2|phase3|phase4> [--json]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stack: { type: "string", short: "s" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.stack) throw new Error(`Missing --stack. ${usage}`);
  const config = loadStackConfig(values.stack);
  console.error(`Synthesizing stack ${config.stack} offline under the Pulumi SDK's mock runtime…`);
  const document = await synthesizePhase(config);
  if (values.json) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  else console.log(formatSummary(config, document));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
