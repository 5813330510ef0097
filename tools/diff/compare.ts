import { nameOfUrn, providerKey, SECRET, urnKey, type PreviewDocumentLike, type PreviewState } from "./model.js";
import { forcesReplacement } from "./replacement.js";

/** One property that differs, at its path (`inputs.rules[0].ttl`). `before`/`after` absent: the property was added/removed. */
export interface PropertyChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
  /** One side is a secret: the values stay `[secret]`, and the change reads "secret changed". */
  secret: boolean;
  replaces: boolean;
}

export interface ResourceEntry {
  key: string;
  type: string;
  name: string;
}

export interface ResourceChange extends ResourceEntry {
  replace: boolean;
  changes: PropertyChange[];
}

export interface Rename {
  type: string;
  from: string;
  to: string;
  fromKey: string;
  toKey: string;
}

export interface DocumentDiff {
  before: string;
  after: string;
  added: ResourceEntry[];
  removed: ResourceEntry[];
  changed: ResourceChange[];
  renamed: Rename[];
  summary: { add: number; change: number; replace: number; delete: number; rename: number };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The differences between two JSON values, down to the leaves, in a stable order: object keys sorted, array
 * elements by index. Two `[secret]`s compare equal: a preview shows no more, so whether the secret changed is
 * unknowable offline.
 */
export function diffValues(before: unknown, after: unknown, path = ""): Omit<PropertyChange, "replaces">[] {
  if (before === after) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => before[key] !== undefined || after[key] !== undefined).sort();
    return keys.flatMap((key) => {
      const inner = childPath(path, key);
      // An undefined value is an absent key, as in the JSON document (in memory, a synthesized preview keeps it).
      if (after[key] === undefined) return [{ path: inner, kind: "removed" as const, before: before[key], secret: containsSecret(before[key]) }];
      if (before[key] === undefined) return [{ path: inner, kind: "added" as const, after: after[key], secret: containsSecret(after[key]) }];
      return diffValues(before[key], after[key], inner);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: Omit<PropertyChange, "replaces">[] = [];
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const inner = `${path}[${index}]`;
      if (index >= after.length) changes.push({ path: inner, kind: "removed", before: before[index], secret: containsSecret(before[index]) });
      else if (index >= before.length) changes.push({ path: inner, kind: "added", after: after[index], secret: containsSecret(after[index]) });
      else changes.push(...diffValues(before[index], after[index], inner));
    }
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  // A JSON document held in a string (an IAM policy, ECS container definitions): compared inside, at `path(json)…`.
  const [parsedBefore, parsedAfter] = [jsonInside(before), jsonInside(after)];
  if (parsedBefore !== undefined && parsedAfter !== undefined) return diffValues(parsedBefore, parsedAfter, `${path}(json)`);
  return [{ path, kind: "changed", before, after, secret: before === SECRET || after === SECRET }];
}

function jsonInside(value: unknown): object | undefined {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function containsSecret(value: unknown): boolean {
  if (value === SECRET) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

/** What of a resource's state the diff compares: inputs, outputs (the stack's) and provider (a region move replaces). */
function comparable(state: PreviewState): Record<string, unknown> {
  return {
    inputs: state.inputs ?? {},
    ...(state.outputs === undefined ? {} : { outputs: state.outputs }),
    ...(state.provider === undefined ? {} : { provider: providerKey(state.provider) }),
  };
}

interface Indexed {
  key: string;
  urn: string;
  state: PreviewState;
}

function index(document: PreviewDocumentLike): Map<string, Indexed> {
  const resources = new Map<string, Indexed>();
  for (const step of document.steps) {
    // A real preview's delete step has only an oldState: the resource is then on neither side of "after".
    if (step.op === "delete" || step.op === "discard") continue;
    const state = step.newState ?? step.oldState;
    if (state) resources.set(urnKey(step.urn), { key: urnKey(step.urn), urn: step.urn, state });
  }
  return resources;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function entry(resource: Indexed): ResourceEntry {
  return { key: resource.key, type: resource.state.type, name: nameOfUrn(resource.urn) };
}

/**
 * Two previews compared resource by resource, matched by URN (without stack and project). A resource on one side
 * only whose type and (non-empty) inputs equal one on the other side only is a rename (an alias), not a delete and a
 * create; candidates pair in URN order.
 */
export function compareDocuments(before: PreviewDocumentLike, after: PreviewDocumentLike): DocumentDiff {
  const old = index(before);
  const current = index(after);
  const removedCandidates = [...old.values()].filter((r) => !current.has(r.key)).sort(byKey);
  const addedCandidates = [...current.values()].filter((r) => !old.has(r.key)).sort(byKey);

  const renamed: Rename[] = [];
  const renamedTo = new Set<string>();
  const renamedFrom = new Set<string>();
  for (const gone of removedCandidates) {
    const inputs = JSON.stringify(gone.state.inputs ?? {});
    // Resources without inputs (most components) say nothing about their identity: never paired as a rename.
    if (inputs === "{}") continue;
    const match = addedCandidates.find((fresh) => !renamedTo.has(fresh.key) && fresh.state.type === gone.state.type && JSON.stringify(fresh.state.inputs ?? {}) === inputs);
    if (!match) continue;
    renamedTo.add(match.key);
    renamedFrom.add(gone.key);
    renamed.push({ type: gone.state.type, from: nameOfUrn(gone.urn), to: nameOfUrn(match.urn), fromKey: gone.key, toKey: match.key });
  }

  const changed: ResourceChange[] = [];
  for (const resource of [...current.values()].sort(byKey)) {
    const previous = old.get(resource.key);
    if (!previous) continue;
    const changes = diffValues(comparable(previous.state), comparable(resource.state)).map((change) => ({ ...change, replaces: forcesReplacement(resource.state.type, change.path) }));
    if (changes.length > 0) changed.push({ ...entry(resource), replace: changes.some((c) => c.replaces), changes });
  }

  const added = addedCandidates.filter((r) => !renamedTo.has(r.key)).map(entry);
  const removed = removedCandidates.filter((r) => !renamedFrom.has(r.key)).map(entry);
  return {
    before: before.stack ?? "before",
    after: after.stack ?? "after",
    added,
    removed,
    changed,
    renamed,
    summary: { add: added.length, change: changed.length, replace: changed.filter((c) => c.replace).length, delete: removed.length, rename: renamed.length },
  };
}

export function isEmpty(diff: DocumentDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length + diff.renamed.length === 0;
}
