import { buildPhase } from "./build-phase.js";
import { loadPhaseConfigFromPulumi } from "./config/load.js";

const outputs = buildPhase(loadPhaseConfigFromPulumi());

export const phase = outputs.phase;
export const phaseName = outputs.phaseName;
export const primaryRegion = outputs.primaryRegion;
export const network = outputs.network;
export const database = outputs.database;
export const disasterRecovery = outputs.disasterRecovery;
export const cache = outputs.cache;
export const kubernetes = outputs.kubernetes;
export const edge = outputs.edge;
export const sentryDsn = outputs.sentryDsn;
export const logSearch = outputs.logSearch;
export const datadog = outputs.datadog;
