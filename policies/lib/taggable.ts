import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The four keys every taggable resource carries. */
export const REQUIRED_TAGS = ["project", "phase", "component", "cost-center"] as const;

/**
 * Providers whose resources carry no key/value tags: random (values live in the state only), cloudflare (DNS-record
 * tags are plain strings, and only on paid plans), vercel and sentry (no tags in their SDKs).
 */
export const UNTAGGED_PROVIDERS = ["random:", "cloudflare:", "vercel:", "sentry:"];

const require = createRequire(import.meta.url);
const sdkDirectories = new Map<string, string>();
function sdkDirectory(packageName: string): string {
  let directory = sdkDirectories.get(packageName);
  if (directory === undefined) {
    directory = dirname(require.resolve(`${packageName}/package.json`));
    sdkDirectories.set(packageName, directory);
  }
  return directory;
}

const argsCache = new Map<string, string>();
/** The body of `<Resource>Args` in the pinned SDK's declaration of a type such as `aws:ecs/service:Service`. */
function argsDeclaration(packageName: string, type: string): string {
  const known = argsCache.get(type);
  if (known !== undefined) return known;
  const [, module = "", resource = ""] = type.split(":");
  const [folder = "", file = ""] = module.includes("/") ? module.split("/") : ["", module];
  const directory = join(sdkDirectory(packageName), folder === "index" ? "" : folder);
  const fileName = readdirSync(directory).find((name) => name.toLowerCase() === `${file.toLowerCase()}.d.ts`) ?? `${file}.d.ts`;
  const declarations = readFileSync(join(directory, fileName), "utf8");
  const args = new RegExp(`export interface ${resource}Args \\{([\\s\\S]*?)\\n\\}`).exec(declarations)?.[1];
  if (args === undefined) throw new Error(`No ${resource}Args in ${packageName}/${folder}/${fileName}`);
  argsCache.set(type, args);
  return args;
}

/**
 * AWS: a resource is taggable exactly when its args in the pinned SDK declare `tags` (an association, a policy, a
 * record or a secret's version has none), read from the type's declaration file rather than listed.
 */
export function awsTypeTakesTags(type: string): boolean {
  return /\n {4}tags\?:/.test(argsDeclaration("@pulumi/aws", type));
}

/** GCP: the label argument of a type (`labels`, or `resourceLabels` on a GKE cluster), when it has one. */
export function gcpLabelArgument(type: string): "labels" | "resourceLabels" | undefined {
  const args = argsDeclaration("@pulumi/gcp", type);
  if (/\n {4}labels\?:/.test(args)) return "labels";
  if (/\n {4}resourceLabels\?:/.test(args)) return "resourceLabels";
  return undefined;
}

/** Datadog: tags are `key:value` strings, on the types whose args declare them. */
export function datadogTypeTakesTags(type: string): boolean {
  return /\n {4}tags\?:/.test(argsDeclaration("@pulumi/datadog", type));
}

/**
 * Where a resource keeps its four keys, as a key → value map, or undefined when its type takes no tags. Provider
 * resources and component resources (types without a `provider:module/resource:Type` shape) take none.
 */
export function tagsOf(type: string, props: Record<string, unknown>): { taggable: false } | { taggable: true; where: string; tags: Record<string, unknown> } {
  if (UNTAGGED_PROVIDERS.some((prefix) => type.startsWith(prefix)) || type.startsWith("pulumi:")) return { taggable: false };
  const asMap = (value: unknown) => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  if (type.startsWith("aws:")) return awsTypeTakesTags(type) ? { taggable: true, where: "tags", tags: asMap(props.tags) } : { taggable: false };
  if (type.startsWith("gcp:")) {
    const argument = gcpLabelArgument(type);
    return argument === undefined ? { taggable: false } : { taggable: true, where: argument, tags: asMap(props[argument]) };
  }
  if (type.startsWith("kubernetes:")) {
    if (!type.includes("/")) return { taggable: false };
    return { taggable: true, where: "metadata.labels", tags: asMap(asMap(props.metadata).labels) };
  }
  if (type.startsWith("datadog:")) {
    if (!datadogTypeTakesTags(type)) return { taggable: false };
    const strings = Array.isArray(props.tags) ? props.tags.filter((tag): tag is string => typeof tag === "string") : [];
    return { taggable: true, where: "tags", tags: Object.fromEntries(strings.map((tag) => [tag.split(":")[0] ?? tag, tag.slice(tag.indexOf(":") + 1)])) };
  }
  return { taggable: false };
}
