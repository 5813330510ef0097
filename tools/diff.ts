import { runDiffCommand } from "./diff/run.js";

// `npm run diff -- before.json after.json` or `--stack phase2 --to phase3`: two previews compared, offline.
runDiffCommand(process.argv.slice(2), { stdout: (text) => console.log(text), stderr: (text) => console.error(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
