/**
 * The seed's phase 3 splits the API into services (grammar, exercises, analytics) that run the same image, each
 * started with its own APP_ROLE and scaled on its own behind one load balancer that routes by path. `all` serves
 * everything, as one service does in phases 1 and 2. Health, metrics and the API docs are served by every role:
 * the load balancer health-checks each service, and each is scraped and documented on its own.
 */
export const APP_ROLES = ["all", "grammar", "exercises", "analytics"] as const;
export type AppRole = (typeof APP_ROLES)[number];
export type SplitRole = Exclude<AppRole, "all">;

/**
 * The paths each split role owns, in the order a router must try them (first match wins): analytics' progress
 * route lies under the learners' prefix that exercises owns. Patterns are a load balancer's: `*` matches any
 * characters, `/` included, and a pattern matches the whole path. The app's own routing follows the same list
 * (server.ts registers a role's features; server.roles.test.ts checks both agree route by route).
 */
export const ROLE_PATHS: readonly { role: SplitRole; paths: readonly string[] }[] = [
  { role: "grammar", paths: ["/v2/*", "/api/v1/corrections", "/api/v1/explanations*"] },
  { role: "analytics", paths: ["/api/v1/learners/*/progress"] },
  { role: "exercises", paths: ["/api/v1/exercises*", "/api/v1/learners*"] },
];

/** Paths every role serves, whatever the split. */
export const SHARED_PATHS: readonly string[] = ["/health/*", "/docs*"];

function matches(pattern: string, path: string): boolean {
  const expression = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${expression}$`).test(path);
}

/** The split role that owns a path (query string excluded), or undefined for the shared paths and unknown ones. */
export function roleOfPath(path: string): SplitRole | undefined {
  return ROLE_PATHS.find(({ paths }) => paths.some((pattern) => matches(pattern, path)))?.role;
}

/** Whether a server started with `role` answers `path` with its route rather than a 404. */
export function roleServesPath(role: AppRole, path: string): boolean {
  if (role === "all" || SHARED_PATHS.some((pattern) => matches(pattern, path))) return true;
  return roleOfPath(path) === role;
}
