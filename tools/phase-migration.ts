import { runPhaseMigrationCommand } from "./phase-migration/run.js";

// `npm run migrate:sharding -- --from <url> --to-shards <map>` (and migrate:phase2, migrate:kubernetes): the scripts give the kind first.
runPhaseMigrationCommand(process.argv.slice(2), { stdout: (text) => console.log(text), stderr: (text) => console.error(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
