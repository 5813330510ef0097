import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/config/load.js";
import { runDiffCommand } from "./run.js";

const START = "<!-- phase2-to-phase3:start -->";
const END = "<!-- phase2-to-phase3:end -->";

/** The README's excerpt of the phase 2 → phase 3 comment: its opening, then whole `<details>` blocks. */
function readmeExcerpt(): { opening: string; blocks: string[] } {
  const readme = readFileSync(join(PROJECT_DIR, "README.md"), "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`README.md has lost its ${START} … ${END} markers around the phase 2 → phase 3 example`);
  const [opening = "", ...rest] = readme.slice(start + START.length, end).split("<details>");
  return { opening: opening.trim(), blocks: rest.map((block) => `<details>${block}`.trim()) };
}

describe("the README's phase 2 → phase 3 example", () => {
  it("is what npm run diff -- --stack phase2 --to phase3 --markdown prints today, cost delta included", async () => {
    let printed = "";
    const code = await runDiffCommand(["--stack", "phase2", "--to", "phase3", "--markdown"], {
      stdout: (text) => {
        printed += text;
      },
      stderr: () => {},
    });
    expect(code).toBe(0);
    const { opening, blocks } = readmeExcerpt();
    expect(opening).toContain("**Monthly cost:");
    expect(printed.startsWith(opening)).toBe(true);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(printed).toContain(block);
  });
});
