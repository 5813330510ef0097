/**
 * Learners are spread over shards by bucket: 0..99, a stable hash of the learner id. A shard map gives each
 * shard an inclusive range of buckets, and the ranges must cover every bucket exactly once. The stack files,
 * the app's DATABASE_SHARDS and the shard routing all check that with `bucketCoverageProblems`.
 */

export const BUCKET_COUNT = 100;
export const LAST_BUCKET = BUCKET_COUNT - 1;

export interface BucketRange {
  id: string;
  firstBucket: number;
  lastBucket: number;
}

function describeBuckets(first: number, last: number): string {
  return first === last ? `bucket ${first}` : `buckets ${first}-${last}`;
}

/** Runs of consecutive buckets that share the same value, as [first, last, value]. */
function runs<T>(values: readonly T[]): Array<[number, number, T]> {
  const result: Array<[number, number, T]> = [];
  values.forEach((value, bucket) => {
    const current = result.at(-1);
    if (current !== undefined && current[2] === value && current[1] === bucket - 1) current[1] = bucket;
    else result.push([bucket, bucket, value]);
  });
  return result;
}

/**
 * Every way the ranges fail to cover buckets 0-99 exactly once, each naming the shards and buckets at fault;
 * empty when the map is sound. Order of the ranges does not matter.
 */
export function bucketCoverageProblems(ranges: readonly BucketRange[]): string[] {
  if (ranges.length === 0) return [`no shard: expected at least one, covering buckets 0-${LAST_BUCKET}`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const range of ranges) {
    if (seen.has(range.id)) problems.push(`shard id "${range.id}" appears twice: shard ids must be unique`);
    seen.add(range.id);
  }
  const sound = ranges.filter(({ id, firstBucket, lastBucket }) => {
    const valid = Number.isInteger(firstBucket) && Number.isInteger(lastBucket) && firstBucket >= 0 && firstBucket <= lastBucket && lastBucket <= LAST_BUCKET;
    if (!valid) {
      problems.push(`shard "${id}" covers ${firstBucket}-${lastBucket}: expected whole numbers with 0 ≤ firstBucket ≤ lastBucket ≤ ${LAST_BUCKET}`);
    }
    return valid;
  });
  const owners = Array.from({ length: BUCKET_COUNT }, (_, bucket) =>
    sound
      .filter((range) => bucket >= range.firstBucket && bucket <= range.lastBucket)
      .map((range) => `"${range.id}"`)
      .join(" and "),
  );
  for (const [first, last, owner] of runs(owners)) {
    const single = first === last;
    if (owner === "") problems.push(`${describeBuckets(first, last)} belong${single ? "s" : ""} to no shard`);
    else if (owner.includes(" and ")) problems.push(`${describeBuckets(first, last)} ${single ? "is" : "are"} claimed by ${owner}`);
  }
  return problems;
}
