import { runCostCommand } from "./cost/run.js";

// `npm run cost -- --stack phase3` or `--preview file.json`: the monthly estimate, offline, from tools/cost/prices.yaml.
runCostCommand(process.argv.slice(2), { stdout: (text) => console.log(text), stderr: (text) => console.error(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
