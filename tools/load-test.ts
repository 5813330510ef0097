/**
 * `npm run load-test -- --phase N`: the phase's traffic mix at its request rate (one instance's share, or the whole
 * fleet's with --fleet) for a bounded time, against --url or an app started here; prints requests per second,
 * latency percentiles, errors and the verdict against the phase's targets. See load-test/args.ts for the options.
 */
import type { PhaseConfig } from "../stacks/config/index.js";
import { listStacks, loadStackConfig } from "../stacks/config/load.js";
import { startAppUnderTest, type AppUnderTest } from "./load-test/app-under-test.js";
import { UsageError } from "./cli/usage.js";
import { parseLoadTestArgs, USAGE } from "./load-test/args.js";
import { progressLine, renderJson, renderText, type Progress } from "./load-test/render.js";
import { judge, summarize } from "./load-test/report.js";
import { prepareFixtures, runLoad } from "./load-test/runner.js";
import { loadTarget } from "./load-test/targets.js";

/** Progress every second on a terminal (rewriting one line), every tenth second in a log. */
function progressWriter(): { write(progress: Progress): void; end(): void } {
  const terminal = process.stderr.isTTY;
  return {
    write(progress) {
      if (terminal) process.stderr.write(`\r${progressLine(progress)}\u001b[K`);
      else if (Math.round(progress.elapsedSeconds) % 10 === 0) process.stderr.write(`${progressLine(progress)}\n`);
    },
    end() {
      if (terminal) process.stderr.write("\n");
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const phases: PhaseConfig[] = listStacks()
    .filter((stack) => /^phase\d+$/.test(stack))
    .map((stack) => loadStackConfig(stack));
  const args = parseLoadTestArgs(
    argv,
    phases.map((config) => config.phase),
  );
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = phases.find((candidate) => candidate.phase === args.phase) as PhaseConfig;
  const target = loadTarget(config, args.fleet ? "fleet" : "instance", phases);

  let app: AppUnderTest | undefined;
  try {
    if (args.url === undefined) {
      process.stderr.write("Starting the app on a free loopback port…\n");
      app = await startAppUnderTest(process.env);
    }
    const url = args.url ?? (app as AppUnderTest).url;
    const fixtures = await prepareFixtures(url, Math.max(args.connections, 10));
    process.stderr.write(`Sending ${target.requestsPerSecond} requests/s to ${url} for ${args.durationSeconds} s…\n`);
    const progress = progressWriter();
    const record = await runLoad(
      { url, requestsPerSecond: target.requestsPerSecond, durationSeconds: args.durationSeconds, connections: args.connections, onProgress: progress.write },
      fixtures,
    );
    progress.end();
    const report = summarize(record);
    const verdict = judge(report, target);
    const run = { target, server: app?.description ?? `the service at ${url}`, durationSeconds: args.durationSeconds, connections: args.connections };
    process.stdout.write(args.json ? renderJson(run, report, verdict) : renderText(run, report, verdict));
    return verdict.passed ? 0 : 1;
  } finally {
    await app?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
