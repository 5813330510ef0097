import { readFile } from "node:fs/promises";
import { listStacks } from "../../stacks/config/load.js";
import { previewProblem, type PreviewDocumentLike } from "../diff/model.js";
import { CostUsageError, parseCostArgs, USAGE, type Format } from "./args.js";
import { CatalogError, loadCatalog } from "./catalog.js";
import type { CostReport } from "./model.js";
import { estimateForStack } from "./priced.js";
import { renderCostJson, renderCostMarkdown, renderCostText } from "./render.js";
import { stackOfPreview } from "./resources.js";

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

async function readPreviewFile(path: string): Promise<PreviewDocumentLike> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CostUsageError(`Cannot read the preview file ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CostUsageError(`The preview file ${path} is not JSON: ${(error as Error).message}.`);
  }
  const problem = previewProblem(value);
  if (problem) throw new CostUsageError(`The preview file ${path} is not a preview document (${problem}): write one with \`npm run preview -- --stack phaseN --json\`.`);
  return value as PreviewDocumentLike;
}

function checkedStack(stack: string, origin: string): string {
  const known = listStacks();
  if (!known.includes(stack)) throw new CostUsageError(`Unknown stack "${stack}" (${origin}): there is no Pulumi.${stack}.yaml. Stacks of this project: ${known.join(", ")}.`);
  return stack;
}

export function renderCost(report: CostReport, format: Format): string {
  return format === "json" ? renderCostJson(report) : format === "markdown" ? renderCostMarkdown(report) : renderCostText(report);
}

/** `tools/cost.ts`: returns the exit code (0 printed, whatever the verdict; 2 bad usage, unreadable input or catalog). */
export async function runCostCommand(argv: string[], io: Io): Promise<number> {
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
      if (named === undefined) throw new CostUsageError(`The preview file ${args.preview} names no stack: give --stack <phaseN>, whose targets and budget apply.`);
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
    if (error instanceof CostUsageError) {
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
