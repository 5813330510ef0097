import { runAffectedStacksCommand } from "./workflows/run.js";

// `npm run --silent affected-stacks -- --base <before> --head <after> --github-output`: the stacks a push deploys.
runAffectedStacksCommand(process.argv.slice(2), { stdout: (text) => console.log(text), stderr: (text) => console.error(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
