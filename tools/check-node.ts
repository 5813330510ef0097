import { nodeRequirementProblems, readNodeRequirement } from "./node-runtime/requirement.js";

// The first step of `npm test`: says which Node the suite runs under, and stops it on an unsupported one.
const requirement = readNodeRequirement(new URL("../", import.meta.url));
const problems = nodeRequirementProblems(requirement, process.version);
console.log(`Node ${process.version} (${process.execPath}); supported: ${requirement.supportedRange}, pinned: ${requirement.pinnedVersion}`);
if (problems.length > 0) {
  console.error(`Node check failed:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}
