import { runPrCommentCommand } from "./pr-comment/run.js";

// `npm run pr-comment -- artifacts/`: the sticky pull-request comment from the pull-request workflow's artifacts.
process.exitCode = runPrCommentCommand(process.argv.slice(2), { stdout: (text) => console.log(text), stderr: (text) => console.error(text) });
