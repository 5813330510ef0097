export { BUCKET_COUNT, LAST_BUCKET, bucketCoverageProblems, type BucketRange } from "./buckets.js";
export { APP_DEFAULTS, SEED_CACHE_LAYERS, SEED_DATABASE_POOL, type CacheLayerName, type CacheLayerSetting } from "./defaults.js";
export { ConfigError, loadAppConfig, type AppConfig, type RedisSetting, type TelemetrySetting } from "./load.js";
export { APP_ROLES, ROLE_PATHS, SHARED_PATHS, roleOfPath, roleServesPath, type AppRole, type SplitRole } from "./roles.js";
export { renderSettingsEnvironment, type DeployedSettings } from "./render.js";
export {
  LOG_LEVELS,
  SECRET_SETTING_VARIABLES,
  SETTING_VARIABLES,
  isSecretVariable,
  isSettingVariable,
  shardPasswordVariable,
  type SettingsEnvironment,
  type ShardPasswordVariable,
  settingsVariables,
  type LoaderDefaults,
  type LogLevel,
  type SettingVariable,
  type ShardSetting,
} from "./variables.js";
