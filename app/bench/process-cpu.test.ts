import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { cpuSecondsFromStat, processTreeCpu } from "./process-cpu.js";

describe("cpuSecondsFromStat", () => {
  it("adds utime and stime, in clock ticks, after a command name holding spaces and parentheses", () => {
    const stat = "4242 (node (x) y) S 1 4242 4242 0 -1 4194560 5000 0 0 0 250 75 0 0 20 0 11 0 100 0 0";
    expect(cpuSecondsFromStat(stat)).toBe(3.25);
  });

  it("names a line it cannot read", () => {
    expect(() => cpuSecondsFromStat("4242 (node) S 1")).toThrow(/Unexpected \/proc stat line: 4242 \(node\) S 1/);
  });
});

describe.runIf(process.platform === "linux")("processTreeCpu", () => {
  it("counts a child's CPU time as the children's, not the process's", async () => {
    // A parent that only waits for its child, which spins until the group is stopped.
    const parent = spawn(process.execPath, ["-e", `require("node:child_process").spawnSync(process.execPath, ["-e", "for (;;);"]);`], { detached: true });
    try {
      let seen = processTreeCpu(parent.pid);
      while (seen !== undefined && seen.children < 0.3) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen = processTreeCpu(parent.pid);
      }
      expect(seen?.children).toBeGreaterThanOrEqual(0.3);
      expect(seen?.process).toBeLessThan(seen?.children ?? 0);
    } finally {
      process.kill(-(parent.pid as number), "SIGKILL");
      await once(parent, "exit");
    }
  });

  it("is undefined for a process that is gone", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    await once(child, "exit");
    expect(processTreeCpu(child.pid)).toBeUndefined();
    expect(processTreeCpu(undefined)).toBeUndefined();
  });
});
