/** Engine checks through the "corrections" cache layer, shared by /v2/check and /api/v1/corrections. */
import type { FastifyInstance } from "fastify";
import type { CheckLevel, GrammarMatch } from "./engine.js";

/**
 * The text is the key as sent (offsets refer to it, so it is not rewritten), with the level and the
 * engine version: an engine upgrade never serves matches computed by the previous one.
 */
export function checkThroughCache(app: FastifyInstance, text: string, level: CheckLevel): Promise<GrammarMatch[]> {
  return app.cache.getOrCompute("corrections", { op: "check", engine: app.grammar.version, level, text }, () =>
    app.grammar.check(text, { level }),
  );
}
