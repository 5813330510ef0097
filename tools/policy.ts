import { allRules } from "../policies/rules/index.js";
import { runPolicyCommand } from "./policy/run.js";

// `npm run policy -- --stack phase3`: the pack's rules on a phase, offline, as `pulumi preview --policy-pack` runs them.
runPolicyCommand(process.argv.slice(2), { rules: allRules }, { stdout: (text) => console.log(text), stderr: (text) => console.error(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A rule that throws, or a stack file that does not validate: the check did not run, so it does not pass.
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
