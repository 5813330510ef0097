/**
 * OpenAPI description of the routes (from their schemas), served at /docs (UI) and /docs/json.
 *
 * Routes describe their answers in `schema.responses` rather than Fastify's `schema.response`: Fastify
 * would compile the latter into the reply serializer, which drops any field the schema does not list and,
 * measured on /v2/check, costs more than plain JSON.stringify. Here they become the document's responses.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifySchema } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifySchema {
    /** Response descriptions for the OpenAPI document only; see the note at the top of infra/http/docs.ts. */
    responses?: Record<number, unknown>;
  }
}

function documentResponses({ schema, url }: { schema: FastifySchema; url: string }): { schema: FastifySchema; url: string } {
  if (!schema?.responses) return { schema, url };
  const { responses, ...rest } = schema;
  return { schema: { ...rest, response: responses }, url };
}

export interface DocsPluginOptions {
  version: string;
}

export const docsPlugin = fp<DocsPluginOptions>(
  async (app, { version }) => {
    await app.register(swagger, {
      transform: documentResponses,
      openapi: {
        openapi: "3.0.3",
        info: {
          title: "FrançaisFluide API",
          version,
          description:
            "French corrections by Grammalecte, with learner-friendly explanations and exercises. " +
            "/v2/check and /v2/languages follow LanguageTool's HTTP API v2, so LanguageTool clients can use this server. " +
            "Errors are JSON { error, message }.",
        },
        tags: [
          { name: "languagetool", description: "LanguageTool-compatible API" },
          { name: "corrections", description: "Native corrections with explanations" },
          { name: "exercises", description: "Exercises and answers" },
          { name: "learners", description: "Learners and their progress" },
          { name: "operations", description: "Health and metrics" },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: "/docs" });
  },
  { name: "docs", fastify: "5.x" },
);
