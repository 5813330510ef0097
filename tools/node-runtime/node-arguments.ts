import { fileURLToPath } from "node:url";

/** Node's arguments that run one of the repository's TypeScript tools, as its npm scripts do: `[...these, "tools/x.ts"]`. */
export const RUN_TYPESCRIPT_ARGUMENTS: readonly string[] = ["--import", fileURLToPath(new URL("./run-typescript.ts", import.meta.url))];
