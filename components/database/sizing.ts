/**
 * The database's figures that follow from the stack and the app rather than from a resource: engine version and
 * parameter-group family, connection limits, slow-query threshold, storage ceiling, reader placement and scaling.
 * Pure, so each is tested on its own.
 */

/** The PostgreSQL major every engine runs: RDS and Aurora both support 17. Change it here and nowhere else. */
export const POSTGRES_MAJOR = 17;

export const POSTGRES_ENGINE = {
  major: POSTGRES_MAJOR,
  /** RDS takes a major alone, picks its newest minor and, with auto minor upgrades on, keeps it current. */
  rdsVersion: String(POSTGRES_MAJOR),
  rdsParameterFamily: `postgres${POSTGRES_MAJOR}`,
  /**
   * Aurora wants a full version (and a global database the same one on every cluster). Minor upgrades then run
   * in the maintenance window, so the clusters ignore later drift of this field rather than try to downgrade.
   */
  auroraVersion: `${POSTGRES_MAJOR}.7`,
  auroraParameterFamily: `aurora-postgresql${POSTGRES_MAJOR}`,
} as const;

export const POSTGRES_PORT = 5432;

/**
 * Connections the database keeps beyond the app's pools: PostgreSQL's `superuser_reserved_connections` (3) and
 * RDS's `rds_superuser_reserved_connections` (2) come out of `max_connections`, and the rest leaves room for the
 * migration job, an operator's psql and a monitoring agent.
 */
export const RESERVED_CONNECTIONS = 10;

/**
 * `max_connections` of every database instance: each app instance holds up to `poolMax` connections to a
 * writer (and as many to the reader endpoint, which may land them all on one reader), `maxAppInstances` is the
 * most instances that can hold pools at once (the compute maximum per region times the regions whose
 * instances reach this database), and the headroom covers a rolling deployment (at least one more instance's
 * pool, or a quarter more at scale, while old and new instances overlap) plus the reserved connections.
 */
export function maxConnections({ poolMax, maxAppInstances }: { poolMax: number; maxAppInstances: number }): number {
  if (!Number.isInteger(poolMax) || poolMax < 1) throw new Error(`poolMax must be a whole number ≥ 1, found ${poolMax}`);
  if (!Number.isInteger(maxAppInstances) || maxAppInstances < 1) throw new Error(`maxAppInstances must be a whole number ≥ 1, found ${maxAppInstances}`);
  const appConnections = poolMax * maxAppInstances;
  const deploymentOverlap = Math.max(poolMax, Math.ceil(appConnections / 4));
  return appConnections + deploymentOverlap + RESERVED_CONNECTIONS;
}

/**
 * `log_min_duration_statement`: a statement that takes a quarter of the phase's response-time target is worth a
 * line in the log, since a request usually runs several; never below 100 ms, or the log drowns in normal work.
 */
export function slowQueryThresholdMs(responseTimeTargetMs: number): number {
  return Math.max(100, Math.round(responseTimeTargetMs / 4));
}

/** gp3 on RDS for PostgreSQL holds at most 64 TiB. */
export const RDS_MAX_STORAGE_GB = 65_536;
/** Storage autoscaling may grow the volume to this multiple of the stack's size: an order of magnitude of growth before the next phase. */
export const STORAGE_AUTOSCALING_FACTOR = 5;

export function storageAutoscalingCeilingGb(storageGb: number): number {
  return Math.min(RDS_MAX_STORAGE_GB, storageGb * STORAGE_AUTOSCALING_FACTOR);
}

/**
 * The zone of each Aurora instance, writer first: readers go round the other zones, so losing the writer's zone
 * leaves a reader to fail over to; with one zone, everything shares it.
 */
export function instanceZones(availabilityZones: string[], readers: number): { writer: string; readers: string[] } {
  const [writer, ...others] = availabilityZones;
  if (writer === undefined) throw new Error("An Aurora cluster needs at least one availability zone");
  const readerZones = others.length > 0 ? others : [writer];
  return { writer, readers: Array.from({ length: readers }, (_, i) => readerZones[i % readerZones.length] as string) };
}

/** Aurora holds at most 15 replicas in a cluster (and 15 less one per secondary region in a global database's primary). */
export const AURORA_MAX_REPLICAS = 15;
/** Reader autoscaling may add replicas up to this multiple of the stack's readers: a read peak of several times the usual. */
export const READER_AUTOSCALING_FACTOR = 4;
/** Target of the reader autoscaling policy (RDSReaderAverageCPUUtilization), in percent. */
export const READER_CPU_TARGET_PERCENT = 60;

/** Bounds of Aurora reader autoscaling: never below the stack's readers, at most a multiple of them and what Aurora allows. */
export function readerAutoscalingBounds(readersPerCluster: number, secondaryRegions = 0): { min: number; max: number } {
  const ceiling = AURORA_MAX_REPLICAS - secondaryRegions;
  if (readersPerCluster < 1) throw new Error("Reader autoscaling needs at least one reader to start from");
  if (readersPerCluster > ceiling) throw new Error(`A cluster holds at most ${ceiling} readers here, found ${readersPerCluster}`);
  return { min: readersPerCluster, max: Math.min(ceiling, readersPerCluster * READER_AUTOSCALING_FACTOR) };
}
