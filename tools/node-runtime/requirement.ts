import { readFileSync } from "node:fs";
import semver from "semver";

/** What the repository says about its Node: the supported range and the exact version it pins. */
export interface NodeRequirement {
  /** `engines.node` of the root package.json: the floor every workspace shares. */
  supportedRange: string;
  /** `.node-version`: what setup-node, nvm, fnm and the `node` dev dependency run. */
  pinnedVersion: string;
  /** The version of the registry's `node` package in devDependencies, which npm scripts find first on their PATH. */
  devDependencyVersion: string | undefined;
}

export function readNodeRequirement(projectDir: URL): NodeRequirement {
  const manifest = JSON.parse(readFileSync(new URL("package.json", projectDir), "utf8")) as {
    engines?: { node?: string };
    devDependencies?: Record<string, string>;
  };
  const supportedRange = manifest.engines?.node;
  if (supportedRange === undefined) throw new Error(`${new URL("package.json", projectDir).pathname} has no engines.node: declare the supported Node range there, e.g. ">=22"`);
  return {
    supportedRange,
    pinnedVersion: readFileSync(new URL(".node-version", projectDir), "utf8").trim(),
    devDependencyVersion: manifest.devDependencies?.node,
  };
}

/** Every way the running Node or the repository's own Node settings disagree; empty when all is well. */
export function nodeRequirementProblems(requirement: NodeRequirement, runningVersion: string): string[] {
  const problems: string[] = [];
  const { supportedRange, pinnedVersion, devDependencyVersion } = requirement;
  if (semver.validRange(supportedRange) === null) {
    return [`engines.node "${supportedRange}" in package.json is not a semver range: write one such as ">=22"`];
  }
  if (semver.valid(pinnedVersion) === null) {
    problems.push(`.node-version holds "${pinnedVersion}": expected an exact version such as 24.21.0, so CI and developers run the same Node`);
  } else if (!semver.satisfies(pinnedVersion, supportedRange)) {
    problems.push(`.node-version pins Node ${pinnedVersion}, outside engines.node "${supportedRange}": pin a version the project supports`);
  }
  if (devDependencyVersion !== pinnedVersion) {
    problems.push(
      `devDependencies.node is ${devDependencyVersion === undefined ? "missing" : `"${devDependencyVersion}"`} but .node-version pins ${pinnedVersion}: ` +
        `run \`npm install --save-dev --save-exact node@${pinnedVersion}\` so npm scripts run the pinned Node`,
    );
  }
  if (!semver.satisfies(runningVersion, supportedRange)) {
    problems.push(
      `running under Node ${runningVersion}, outside engines.node "${supportedRange}": run through npm (\`npm test\`, \`npm run preview\`), ` +
        `whose scripts find the pinned Node ${pinnedVersion} in node_modules/.bin, after \`npm ci\``,
    );
  }
  return problems;
}
