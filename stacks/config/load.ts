import { readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PROJECT_NAME } from "../../components/lib/project.js";
import { describeFound, PhaseConfigError } from "./errors.js";
import { type PhaseConfig, parsePhaseConfig, stackConfigKeysSchema } from "./index.js";

// Callers import loading from here, not through index.ts: this module needs index.ts's schema
// at load time, so index.ts re-exporting it would be an import cycle.

/** The repository root, where Pulumi.yaml and the stack files live. */
export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Project keys of a stack file's `config:` map; other namespaces (aws:, cloudflare:…) belong to providers. */
export function projectKeysOf(config: Record<string, unknown>): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${PROJECT_NAME}:`)) keys[key.slice(PROJECT_NAME.length + 1)] = value;
    else if (!key.includes(":")) keys[key] = value;
  }
  return keys;
}

export function stackFilePath(stack: string, projectDir = PROJECT_DIR): string {
  return join(projectDir, `Pulumi.${stack}.yaml`);
}

export function listStacks(projectDir = PROJECT_DIR): string[] {
  return readdirSync(projectDir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

export class UnknownStackError extends Error {
  constructor(stack: string, known: string[]) {
    super(`Unknown stack "${stack}": there is no Pulumi.${stack}.yaml. Stacks of this project: ${known.join(", ")}.`);
    this.name = "UnknownStackError";
  }
}

/** For tests and tools: reads and validates a stack file, with no Pulumi runtime involved. */
export function loadPhaseConfigFromFile(filePath: string): PhaseConfig {
  const file = basename(filePath);
  const stack = /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1];
  if (stack === undefined) throw new Error(`${filePath} is not a stack file: expected a name like Pulumi.phase1.yaml`);
  let text: string;
  try {
    text = readFileSync(filePath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new UnknownStackError(stack, listStacks(dirname(filePath)));
    throw error;
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new PhaseConfigError(file, [`the file is not valid YAML: ${(error as Error).message}`]);
  }
  const config = (document as { config?: unknown } | null)?.config;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new PhaseConfigError(file, [`expected a top-level "config:" map, found ${describeFound(config)}`]);
  }
  return parsePhaseConfig(stack, projectKeysOf(config as Record<string, unknown>), file);
}

export function loadStackConfig(stack: string, projectDir = PROJECT_DIR): PhaseConfig {
  if (!listStacks(projectDir).includes(stack)) throw new UnknownStackError(stack, listStacks(projectDir));
  return loadPhaseConfigFromFile(stackFilePath(stack, projectDir));
}

const declaredTypes = z.toJSONSchema(stackConfigKeysSchema, { io: "input" }).properties ?? {};

/**
 * Pulumi hands the program every config value as a string; a value declared as a string
 * (decimals included) stays one, the others are JSON (numbers, booleans, lists).
 */
export function decodePulumiConfigValue(key: string, value: string): unknown {
  const declared = declaredTypes[key];
  if (typeof declared === "object" && declared.type === "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** For `pulumi up`: the stack's config as the engine passes it to the program. */
export function loadPhaseConfigFromPulumi(): PhaseConfig {
  const stack = pulumi.getStack();
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(projectKeysOf(pulumi.runtime.allConfig()))) {
    raw[key] = decodePulumiConfigValue(key, value as string);
  }
  return parsePhaseConfig(stack, raw, `Pulumi.${stack}.yaml`);
}
