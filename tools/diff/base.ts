import { execFile, spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { UsageError } from "../cli/usage.js";
import { previewProblem, type PreviewDocumentLike } from "./model.js";

const run = promisify(execFile);

/** A commit the diff previews, as the user named it and as git resolved it. */
export interface ResolvedRef {
  ref: string;
  sha: string;
}

async function git(repoDir: string, args: string[]): Promise<string> {
  return (await run("git", args, { cwd: repoDir, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** The commit a ref names in `repoDir`; a usage error naming the ref when git does not know it. */
export async function resolveRef(repoDir: string, ref: string): Promise<ResolvedRef> {
  try {
    await git(repoDir, ["rev-parse", "--git-dir"]);
  } catch {
    throw new UsageError(`--base needs a git repository, and ${repoDir} is not in one: preview the base yourself and give the two JSON files.`);
  }
  try {
    const sha = (await git(repoDir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])).trim();
    return { ref, sha };
  } catch {
    throw new UsageError(
      `Unknown git ref "${ref}": no commit of this repository has that name. A remote branch needs fetching first (\`git fetch origin\`; in a workflow, actions/checkout with fetch-depth: 0).`,
    );
  }
}

/** Whether the commit has the stack file: a phase without it at the base is new, so everything in it is added. */
export async function hasStackFile(repoDir: string, commit: ResolvedRef, stack: string): Promise<boolean> {
  try {
    await git(repoDir, ["cat-file", "-e", `${commit.sha}:Pulumi.${stack}.yaml`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * `nodeModulesDir`'s packages as seen from a copy of the project at `treeDir`: every package is linked as it is,
 * except the workspaces (links back into the project), which point at the copy's own, so the base's program reads
 * the base's app config and not the working tree's.
 */
export function linkNodeModules(projectDir: string, treeDir: string): void {
  const project = realpathSync(projectDir);
  const source = join(project, "node_modules");
  const linkEntries = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const entry = join(from, name);
      if (name.startsWith("@") && lstatSync(entry).isDirectory()) {
        linkEntries(entry, join(to, name));
        continue;
      }
      const target = realpathSync(entry);
      const inProject = relative(project, target);
      const isWorkspace = lstatSync(entry).isSymbolicLink() && !inProject.startsWith("..") && !inProject.split(sep).includes("node_modules");
      symlinkSync(isWorkspace ? join(treeDir, inProject) : target, join(to, name));
      if (isWorkspace && existsSync(join(target, "node_modules")) && existsSync(join(treeDir, inProject))) {
        symlinkSync(join(target, "node_modules"), join(treeDir, inProject, "node_modules"));
      }
    }
  };
  linkEntries(source, join(treeDir, "node_modules"));
}

function collect(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

function short(commit: ResolvedRef): string {
  return `${commit.ref} (${commit.sha.slice(0, 12)})`;
}

/**
 * How a commit's tree runs its own TypeScript: on Node's type stripping with its own hook when it has one (from the
 * commit that added tools/node-runtime/run-typescript.ts on), else through tsx, which runs any older tree.
 */
export function typescriptRunnerOf(treeDir: string): string[] {
  const hook = join(treeDir, "tools", "node-runtime", "run-typescript.ts");
  return existsSync(hook) ? ["--import", hook] : ["--import", "tsx"];
}

/**
 * The preview of `stack` at a commit, by the commit's own `tools/preview.ts`: its tree is extracted with
 * `git archive` into a temporary directory (removed whatever happens), with `projectDir`'s installed packages,
 * and previewed by a child process under this Node. The base's dependencies are therefore the working tree's.
 */
export async function previewAtCommit(repoDir: string, commit: ResolvedRef, stack: string, projectDir: string): Promise<PreviewDocumentLike> {
  const treeDir = mkdtempSync(join(tmpdir(), "francaisfluide-base-"));
  try {
    const archive = join(treeDir, ".tree.tar");
    await git(repoDir, ["archive", "--format=tar", `--output=${archive}`, commit.sha]);
    await run("tar", ["-xf", archive, "-C", treeDir]);
    rmSync(archive);
    if (!existsSync(join(treeDir, "tools", "preview.ts"))) {
      throw new UsageError(`${short(commit)} has no tools/preview.ts: it predates the offline preview, so it cannot be previewed. Pick a later base.`);
    }
    linkNodeModules(projectDir, treeDir);
    const child = await collect(process.execPath, [...typescriptRunnerOf(treeDir), "tools/preview.ts", "--stack", stack, "--json"], treeDir);
    if (child.code !== 0) {
      throw new Error(`Previewing ${stack} at ${short(commit)} failed (exit ${child.code}):\n${child.stderr.trim().split("\n").slice(-20).join("\n")}`);
    }
    let document: unknown;
    try {
      document = JSON.parse(child.stdout);
    } catch (error) {
      throw new Error(`The preview of ${stack} at ${short(commit)} printed no JSON document: ${(error as Error).message}.`, { cause: error });
    }
    const problem = previewProblem(document);
    if (problem) throw new Error(`The preview of ${stack} at ${short(commit)} is not a preview document (${problem}).`);
    return document as PreviewDocumentLike;
  } finally {
    rmSync(treeDir, { recursive: true, force: true });
  }
}

/** A phase's preview where the phase does not exist: nothing, so the diff shows every resource added or removed. */
export function emptyPreview(stack: string): PreviewDocumentLike {
  return { stack, steps: [] };
}

/** The base side's name in the diff: `phase3 at origin/main`; CI's full SHA shortened to 12 digits, enough to name it. */
export function baseLabel(stack: string, ref: string): string {
  return `${stack} at ${/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 12) : ref}`;
}
