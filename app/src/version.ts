import { readFileSync } from "node:fs";

/** The app's version, from app/package.json: Sentry's release, the traces' service.version, the logs' version. */
export const APP_VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
