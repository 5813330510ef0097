import type { Problem } from "./errors.js";

export interface Range {
  min: number;
  max: number;
}

/** A range is written as two flat keys, since Pulumi.yaml's config types have no objects. */
export function minAboveMaxProblems<Key extends string>(keys: Record<Key, number>, minKey: Key, maxKey: Key): Problem<Key>[] {
  return keys[minKey] > keys[maxKey] ? [{ key: minKey, message: `must not exceed ${maxKey} (${keys[maxKey]}), found ${keys[minKey]}` }] : [];
}
