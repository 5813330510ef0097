/** The split API of phase 3: each role's server answers its own routes and 404s the others', as the load balancer routes them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLearner, formBody, postJson, startTestStack, type TestStack } from "../testing/api-harness.js";
import { APP_ROLES, roleServesPath, type AppRole } from "./config/index.js";
import { GrammalecteEngine } from "./infra/grammar/worker-pool.js";
import type { GrammarEngine } from "./infra/grammar/engine.js";

let engine: GrammarEngine;
const stacks = new Map<AppRole, TestStack>();

beforeAll(async () => {
  engine = await GrammalecteEngine.start({ workers: 1 });
  // One stack per role, each on its own scratch database: started side by side, and every one that did start is
  // closed by afterAll even when another failed.
  const started = await Promise.allSettled(APP_ROLES.map(async (role) => stacks.set(role, await startTestStack({ purpose: `role_${role}`, engine, role }))));
  const failed = started.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}, 60_000);

afterAll(async () => {
  for (const stack of stacks.values()) await stack.close();
  await engine?.close();
});

const stackOf = (role: AppRole) => stacks.get(role) as TestStack;
const isRouteMissing = (response: { statusCode: number; body: string }) => response.statusCode === 404 && response.body.includes("route_not_found");

/** One request to every route of the API, plus the shared ones; `learner` is an id that exists on the role's database. */
function requests(learner: string) {
  return [
    { method: "POST", url: "/v2/check", payload: formBody({ text: "Il mange des pomme.", language: "fr" }) },
    { method: "GET", url: "/v2/languages" },
    { method: "POST", url: "/api/v1/corrections", json: { text: "Il mange des pomme." } },
    { method: "GET", url: "/api/v1/explanations" },
    { method: "GET", url: "/api/v1/exercises?limit=1" },
    { method: "POST", url: "/api/v1/learners", json: { displayName: "Camille", level: "B1", correctionHistoryOptIn: false } },
    { method: "GET", url: `/api/v1/learners/${learner}` },
    { method: "GET", url: `/api/v1/learners/${learner}/progress` },
    { method: "GET", url: "/health/live" },
    { method: "GET", url: "/health/ready" },
    { method: "GET", url: "/docs/json" },
  ] as const;
}

describe("the server's role", () => {
  it("serves /v2/check and 404s the exercises in the grammar role", async () => {
    const { app } = stackOf("grammar");
    const check = await app.inject({ method: "POST", url: "/v2/check", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: formBody({ text: "Il mange des pomme.", language: "fr" }) });
    expect(check.statusCode, check.body).toBe(200);
    expect((check.json() as { matches: unknown[] }).matches.length).toBeGreaterThan(0);
    const exercises = await app.inject({ method: "GET", url: "/api/v1/exercises" });
    expect(exercises.statusCode).toBe(404);
    expect(isRouteMissing(exercises)).toBe(true);
  });

  it.each(APP_ROLES)("answers in the %s role exactly the routes the load balancer's path patterns give it", async (role) => {
    const { app } = stackOf(role);
    // A learner on this role's own scratch database, created directly when the role has no learners route.
    const learner = role === "all" || role === "exercises" ? await createLearner(app, "B1", false) : (await stackOf(role).database.learners.create({ displayName: "Camille", cefrLevel: "B1", correctionHistoryOptIn: false })).id;
    for (const request of requests(learner)) {
      const response =
        "json" in request
          ? await postJson(app, request.url, request.json)
          : await app.inject({ method: request.method, url: request.url, ...("payload" in request ? { headers: { "content-type": "application/x-www-form-urlencoded" }, payload: request.payload } : {}) });
      const path = request.url.split("?")[0] as string;
      expect({ role, request: `${request.method} ${path}`, served: !isRouteMissing(response) }).toEqual({ role, request: `${request.method} ${path}`, served: roleServesPath(role, path) });
      if (roleServesPath(role, path)) expect(response.statusCode, `${role} ${request.method} ${path}: ${response.body}`).toBeLessThan(400);
    }
  });
});
