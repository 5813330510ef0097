import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RUN_TYPESCRIPT_ARGUMENTS } from "./node-arguments.js";

const dir = mkdtempSync(join(tmpdir(), "run-typescript-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `files` under a fresh directory and runs `entry` there as the npm scripts run a tool. */
function runWith(name: string, files: Record<string, string>, entry = "main.ts") {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return spawnSync(process.execPath, [...RUN_TYPESCRIPT_ARGUMENTS, entry], { cwd: root, encoding: "utf8" });
}

describe("node --import tools/node-runtime/run-typescript.ts", () => {
  it("runs TypeScript that imports its siblings as ./file.js, as tsc resolves them", () => {
    const result = runWith("siblings", {
      "main.ts": 'import { greeting } from "./lib/greeting.js";\nconst name: string = "monde";\nconsole.log(greeting(name));\n',
      "lib/greeting.ts": 'import { PREFIX } from "../prefix.js";\nexport function greeting(name: string): string {\n  return `${PREFIX} ${name}`;\n}\n',
      "prefix.ts": 'export const PREFIX: string = "bonjour";\n',
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("bonjour monde\n");
  });

  it("prefers a .js file that exists over the .ts beside it", () => {
    const result = runWith("both", {
      "main.ts": 'import { which } from "./which.js";\nconsole.log(which);\n',
      "which.js": 'export const which = "javascript";\n',
      "which.ts": 'export const which: string = "typescript";\n',
    });
    expect(result.stdout).toBe("javascript\n");
  });

  it("reports a missing import as written, not as the .ts it also looked for", () => {
    const result = runWith("missing", { "main.ts": 'import "./nowhere.js";\n' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ERR_MODULE_NOT_FOUND");
    expect(result.stderr).toContain("nowhere.js");
    expect(result.stderr).not.toContain("nowhere.ts");
  });

  it("leaves packages' own imports alone: a .js import inside node_modules is not redirected", () => {
    const result = runWith("package", {
      "main.ts": 'import "pkg";\n',
      "node_modules/pkg/package.json": '{ "name": "pkg", "type": "module", "main": "index.js" }\n',
      "node_modules/pkg/index.js": 'import "./helper.js";\n',
      "node_modules/pkg/helper.ts": 'console.log("redirected");\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("helper.js");
    expect(result.stdout).toBe("");
  });

  it("refuses syntax type stripping cannot erase, naming it (tsconfig's erasableSyntaxOnly keeps it out of the sources)", () => {
    const result = runWith("enum", { "main.ts": "enum Phase { One, Two }\nconsole.log(Phase.Two);\n" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX");
  });
});
