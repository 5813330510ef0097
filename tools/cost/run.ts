import { listStacks } from "../../stacks/config/load.js";
import { type CommandIo, type OutputFormat, UsageError } from "../cli/usage.js";
import type { PreviewDocumentLike } from "../diff/model.js";
import { readPreviewFile } from "../offline/preview-file.js";
import { parseCostArgs, USAGE } from "./args.js";
import { CatalogError, loadCatalog } from "./catalog.js";
import type { CostReport } from "./model.js";
import { estimateForStack } from "./priced.js";
import { renderCostJson, renderCostMarkdown, renderCostText } from "./render.js";
import { stackOfPreview } from "./resources.js";

function checkedStack(stack: string, origin: string): string {
  const known = listStacks();
  if (!known.includes(stack)) throw new UsageError(`Unknown stack "${stack}" (${origin}): there is no Pulumi.${stack}.yaml. Stacks of this project: ${known.join(", ")}.`);
  return stack;
}

export function renderCost(report: CostReport, format: OutputFormat): string {
  return format === "json" ? renderCostJson(report) : format === "markdown" ? renderCostMarkdown(report) : renderCostText(report);
}

/** `tools/cost.ts`: returns the exit code (0 printed, whatever the verdict; 2 bad usage, unreadable input or catalog). */
export async function runCostCommand(argv: string[], io: CommandIo): Promise<number> {
  try {
    const args = parseCostArgs(argv);
    if (args.command === "help") {
      io.stdout(USAGE);
      return 0;
    }
    const catalog = loadCatalog(args.catalog);
    let document: PreviewDocumentLike;
    let stack: string;
    if (args.preview !== undefined) {
      document = await readPreviewFile(args.preview);
      const named = args.stack ?? stackOfPreview(document);
      if (named === undefined) throw new UsageError(`The preview file ${args.preview} names no stack: give --stack <phaseN>, whose targets and budget apply.`);
      stack = checkedStack(named, args.stack === undefined ? `read from ${args.preview}` : "--stack");
    } else {
      stack = checkedStack(args.stack as string, "--stack");
      // Loaded only here: the program and its providers take seconds to load, which bad usage should not wait for.
      const { synthesizeStack } = await import("../offline/synthesize.js");
      document = (await synthesizeStack(stack)).preview;
    }
    io.stdout(renderCost(estimateForStack(document, stack, catalog), args.format));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof CatalogError) {
      io.stderr(error.message);
      return 2;
    }
    throw error;
  }
}
