/** A saved preview document (`npm run preview -- --json`, or `pulumi preview --json`) read from disk for a command. */
import { readFile } from "node:fs/promises";
import { UsageError } from "../cli/usage.js";
import { previewProblem, type PreviewDocumentLike } from "../diff/model.js";

/** The document at `path`, or a UsageError saying whether it is missing, not JSON, or not a preview, and how to make one. */
export async function readPreviewFile(path: string): Promise<PreviewDocumentLike> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read the preview file ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The preview file ${path} is not JSON: ${(error as Error).message}.`);
  }
  const problem = previewProblem(value);
  if (problem) throw new UsageError(`The preview file ${path} is not a preview document (${problem}): write one with \`npm run preview -- --stack phaseN --json\`.`);
  return value as PreviewDocumentLike;
}
