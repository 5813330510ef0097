import { listStacks, loadStackConfig, PROJECT_DIR } from "../../stacks/config/load.js";
import type { CostDelta } from "../cost/model.js";
import { costDeltaOf } from "../cost/priced.js";
import { synthesizePhase, synthesizeStack } from "../offline/synthesize.js";
import { type CommandIo, type OutputFormat, UsageError } from "../cli/usage.js";
import { readPreviewFile } from "../offline/preview-file.js";
import { parseDiffArgs, USAGE } from "./args.js";
import { baseLabel, emptyPreview, hasStackFile, previewAtCommit, resolveRef } from "./base.js";
import { compareDocuments, isEmpty, type DocumentDiff } from "./compare.js";
import type { PreviewDocumentLike } from "./model.js";
import { renderJson, renderMarkdown, renderText } from "./render.js";

async function synthesized(stack: string): Promise<PreviewDocumentLike> {
  const known = listStacks();
  if (!known.includes(stack)) throw new UsageError(`Unknown stack "${stack}": there is no Pulumi.${stack}.yaml. Stacks of this project: ${known.join(", ")}.`);
  return (await synthesizeStack(stack)).preview;
}

/**
 * The phase at `ref` and in the working tree of `repoDir`. A phase missing on one side is empty there: new at the
 * head, everything is added; gone from it, everything is removed.
 */
async function againstBase(ref: string, stack: string, repoDir: string): Promise<[PreviewDocumentLike, PreviewDocumentLike]> {
  const commit = await resolveRef(repoDir, ref);
  const atBase = await hasStackFile(repoDir, commit, stack);
  const atHead = listStacks(repoDir).includes(stack);
  if (!atBase && !atHead) throw new UsageError(`Unknown stack "${stack}": there is no Pulumi.${stack}.yaml at ${ref} nor in the working tree. Stacks of this project: ${listStacks(repoDir).join(", ")}.`);
  const [before, after] = await Promise.all([
    atBase ? previewAtCommit(repoDir, commit, stack, PROJECT_DIR) : emptyPreview(stack),
    atHead ? synthesizePhase(loadStackConfig(stack, repoDir)) : emptyPreview(stack),
  ]);
  return [before, after];
}

export function render(diff: DocumentDiff, format: OutputFormat, cost?: CostDelta): string {
  return format === "json" ? renderJson(diff, cost) : format === "markdown" ? renderMarkdown(diff, cost) : renderText(diff, cost);
}

export interface DiffOptions {
  /** The repository whose working tree `--base` compares; the project by default. */
  repoDir?: string;
}

/** `tools/diff.ts`: returns the exit code (0 printed, 2 bad usage or unreadable input). */
export async function runDiffCommand(argv: string[], io: CommandIo, options: DiffOptions = {}): Promise<number> {
  try {
    const args = parseDiffArgs(argv);
    if (args.command === "help") {
      io.stdout(USAGE);
      return 0;
    }
    const [before, after] =
      args.command === "files"
        ? await Promise.all([readPreviewFile(args.before), readPreviewFile(args.after)])
        : args.command === "base"
          ? await againstBase(args.ref, args.stack, options.repoDir ?? PROJECT_DIR)
          : [await synthesized(args.from), await synthesized(args.to)];
    const compared = compareDocuments(before, after);
    // Both sides of --base are the same stack: the base is named by its ref instead.
    const diff = args.command === "base" ? { ...compared, before: baseLabel(args.stack, args.ref) } : compared;
    // Priced only when both sides name a stack of this project (whose targets and budget apply), and something changed.
    io.stdout(render(diff, args.format, isEmpty(diff) ? undefined : costDeltaOf(before, after)));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
