/**
 * Which stacks a change touches, from the paths it changes, for the deploy workflow: a stack file touches its own
 * stack; what every stack is built from (the program, its components, the policy pack, the app, the packages and the
 * toolchain) touches them all; anything else (docs, offline tools, workflows) none.
 */
const EVERY_STACK_DIRECTORIES = ["components/", "stacks/", "policies/", "app/"];
const EVERY_STACK_FILES = ["Pulumi.yaml", "package.json", "package-lock.json", ".node-version", "tsconfig.json"];
const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

export function stacksTouchedBy(path: string, stacks: readonly string[]): readonly string[] {
  const stack = STACK_FILE.exec(path)?.[1];
  if (stack !== undefined) return stacks.includes(stack) ? [stack] : [];
  if (EVERY_STACK_FILES.includes(path) || EVERY_STACK_DIRECTORIES.some((directory) => path.startsWith(directory))) return stacks;
  return [];
}

/** Each touched stack, in the given order, with the paths that touch it. */
export function affectedStacks(paths: readonly string[], stacks: readonly string[]): Map<string, string[]> {
  const touched = new Map<string, string[]>(stacks.map((stack) => [stack, []]));
  for (const path of paths) for (const stack of stacksTouchedBy(path, stacks)) touched.get(stack)?.push(path);
  return new Map([...touched].filter(([, by]) => by.length > 0));
}

/** For `$GITHUB_OUTPUT`: `<stack>=true|false` for every stack, then `stacks=<JSON list>` of the touched ones. */
export function githubOutput(affected: ReadonlyMap<string, string[]>, stacks: readonly string[]): string {
  return [...stacks.map((stack) => `${stack}=${affected.has(stack)}`), `stacks=${JSON.stringify([...affected.keys()])}`].join("\n");
}
