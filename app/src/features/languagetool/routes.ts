/** LanguageTool HTTP API v2: /v2/check and /v2/languages, so LanguageTool clients can use this server. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { UnreadBody, keepBodiesUnread } from "../../infra/http/body-parsing.js";
import { badRequest, quoteInput } from "../../infra/http/errors.js";
import { SUPPORTED_LANGUAGES } from "./languages.js";
import type { RawParameters } from "./request.js";
import { checkResponseKey, createCheckResponseCache, requestKey } from "./response-cache.js";
import { checkParameters, checkResponse, languagesResponse } from "./schemas.js";
import { checkLikeLanguageTool, type LanguageToolCheckOptions } from "./service.js";

/** The query string and the body together, as LanguageTool reads its parameters from either. */
function parametersOf(request: FastifyRequest): RawParameters {
  const query = (request.query ?? {}) as RawParameters;
  const body: unknown = request.body instanceof UnreadBody ? request.body.read() : request.body;
  if (body === undefined || body === null) return { ...query };
  if (typeof body !== "object" || Array.isArray(body)) {
    throw badRequest(
      "invalid_parameter",
      `The request body must be form fields (text=…&language=fr) or a JSON object, got ${quoteInput(body)}.`,
    );
  }
  return { ...query, ...(body as RawParameters) };
}

async function routes(app: FastifyInstance, options: LanguageToolCheckOptions): Promise<void> {
  // Bodies stay bytes until a request is not answered from the cache of answers: a request seen before costs
  // neither decoding nor parsing. They are read then as everywhere else, with the same errors.
  keepBodiesUnread(app);

  const answers = createCheckResponseCache(app.cache.ttlMsOf("corrections"));
  const answer = async (parameters: RawParameters, key: string): Promise<string> => {
    const body = JSON.stringify(await checkLikeLanguageTool(app, parameters, options));
    answers.set(key, body);
    return body;
  };
  /**
   * A request seen before, byte for byte, is answered with the bytes it got then; one that differs only in how
   * its parameters are written (their order) by those of the same parameters. Only answers that succeeded are kept.
   */
  const handleCheck = async (request: FastifyRequest, reply: FastifyReply) => {
    const asSent = requestKey(request, app.grammar.version);
    let body = answers.get(asSent);
    if (body === undefined) {
      const parameters = parametersOf(request);
      const byParameters = checkResponseKey(parameters, app.grammar.version);
      const known = answers.get(byParameters);
      if (known !== undefined) app.metrics.recordCacheEvent("corrections", "memory-hit");
      body = known ?? (await answer(parameters, byParameters));
      answers.set(asSent, body);
    } else {
      app.metrics.recordCacheEvent("corrections", "memory-hit");
    }
    return reply.type("application/json; charset=utf-8").send(body);
  };

  app.post(
    "/check",
    {
      schema: {
        tags: ["languagetool"],
        summary: "Check a French text (LanguageTool API v2)",
        description:
          "Form-encoded like LanguageTool (also accepted when labelled application/json), or a JSON object with the same fields.",
        consumes: ["application/x-www-form-urlencoded", "application/json"],
        body: checkParameters,
        responses: checkResponse,
      },
    },
    handleCheck,
  );

  app.get(
    "/check",
    {
      schema: {
        tags: ["languagetool"],
        summary: "Check a French text given in the query string (LanguageTool API v2)",
        querystring: checkParameters,
        responses: checkResponse,
      },
    },
    handleCheck,
  );

  app.get(
    "/languages",
    { schema: { tags: ["languagetool"], summary: "Languages this server checks (LanguageTool API v2)", responses: languagesResponse } },
    async () => SUPPORTED_LANGUAGES,
  );
}

/** Registered under /v2. Form bodies, as LanguageTool clients send them, are read by body-parsing. */
export const languageToolRoutes = fp(routes, {
  name: "languagetool-routes",
  fastify: "5.x",
  encapsulate: true,
  dependencies: ["body-parsing", "grammar", "cache", "metrics"],
});
