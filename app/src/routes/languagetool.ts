/** LanguageTool HTTP API v2: /v2/check and /v2/languages, so LanguageTool clients can use this server. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { detectFrench, SUPPORTED_LANGUAGES } from "../languagetool/languages.js";
import { parseLanguageToolCheck, type RawParameters } from "../languagetool/request.js";
import { buildLanguageToolResponse, selectMatches, type SoftwareInfo } from "../languagetool/response.js";
import { badRequest, quoteInput } from "../plugins/http-errors.js";
import { checkThroughCache } from "./cached-check.js";

export interface LanguageToolRoutesOptions {
  maxTextLength: number;
  software: Omit<SoftwareInfo, "version"> & { appVersion: string };
}

const checkParameters = {
  type: "object",
  properties: {
    text: { type: "string", description: "The text to check (this or data is required)." },
    data: {
      type: "string",
      description:
        'Annotated text as JSON, e.g. {"annotation":[{"text":"Il "},{"markup":"<b>"},{"text":"mange"},{"markup":"</b>"}]}. ' +
        "Markup is skipped (or replaced by its interpretAs); offsets refer to the whole text, markup included.",
    },
    language: { type: "string", description: "fr, fr-FR or auto (French is the only language checked)." },
    enabledRules: { type: "string", description: "Comma-separated rule ids." },
    disabledRules: { type: "string", description: "Comma-separated rule ids whose matches are dropped." },
    enabledCategories: { type: "string", description: "Comma-separated category ids." },
    disabledCategories: { type: "string", description: "Comma-separated category ids whose matches are dropped." },
    enabledOnly: { type: "string", enum: ["true", "false"], description: "true: only matches of enabledRules/enabledCategories." },
    level: { type: "string", enum: ["default", "picky"], description: "picky adds style and typography checks." },
    motherTongue: { type: "string", description: "Accepted for compatibility; not used." },
  },
} as const;

const matchSchema = {
  type: "object",
  properties: {
    message: { type: "string" },
    shortMessage: { type: "string" },
    replacements: { type: "array", items: { type: "object", properties: { value: { type: "string" } } } },
    offset: { type: "integer", description: "UTF-16 code units from the start of the text (markup included)." },
    length: { type: "integer" },
    context: {
      type: "object",
      properties: { text: { type: "string" }, offset: { type: "integer" }, length: { type: "integer" } },
    },
    sentence: { type: "string" },
    type: { type: "object", properties: { typeName: { type: "string" } } },
    rule: {
      type: "object",
      properties: {
        id: { type: "string" },
        description: { type: "string" },
        issueType: { type: "string" },
        category: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
      },
    },
    ignoreForIncompleteSentence: { type: "boolean" },
    contextForSureMatch: { type: "integer" },
  },
} as const;

const checkResponse = {
  200: {
    description: "LanguageTool's check result",
    type: "object",
    properties: {
      software: {
        type: "object",
        properties: {
          name: { type: "string" },
          version: { type: "string" },
          buildDate: { type: "string" },
          apiVersion: { type: "integer" },
          premium: { type: "boolean" },
          status: { type: "string" },
        },
      },
      warnings: { type: "object", properties: { incompleteResults: { type: "boolean" } } },
      language: {
        type: "object",
        properties: {
          name: { type: "string" },
          code: { type: "string" },
          detectedLanguage: {
            type: "object",
            properties: { name: { type: "string" }, code: { type: "string" }, confidence: { type: "number" } },
          },
        },
      },
      matches: { type: "array", items: matchSchema },
      sentenceRanges: { type: "array", items: { type: "array", items: { type: "integer" } } },
    },
  },
} as const;

function parametersOf(request: FastifyRequest): RawParameters {
  const query = (request.query ?? {}) as RawParameters;
  const body: unknown = request.body;
  if (body === undefined || body === null) return { ...query };
  if (typeof body !== "object" || Array.isArray(body)) {
    throw badRequest(
      "invalid_parameter",
      `The request body must be form fields (text=…&language=fr) or a JSON object, got ${quoteInput(body)}.`,
    );
  }
  return { ...query, ...(body as RawParameters) };
}

export async function languageToolRoutes(app: FastifyInstance, options: LanguageToolRoutesOptions): Promise<void> {
  const handleCheck = async (request: FastifyRequest) => {
    const check = parseLanguageToolCheck(parametersOf(request), options.maxTextLength);
    const matches = await checkThroughCache(app, check.document.plainText, check.level);
    return buildLanguageToolResponse({
      document: check.document,
      matches: selectMatches(matches, check.rules),
      language: check.language,
      detection: detectFrench(check.document.plainText),
      software: {
        name: options.software.name,
        version: `${options.software.appVersion}+${app.grammar.version}`,
        buildDate: options.software.buildDate,
      },
    });
  };

  app.post(
    "/v2/check",
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
    "/v2/check",
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
    "/v2/languages",
    {
      schema: {
        tags: ["languagetool"],
        summary: "Languages this server checks (LanguageTool API v2)",
        responses: {
          200: {
            type: "array",
            items: {
              type: "object",
              properties: { name: { type: "string" }, code: { type: "string" }, longCode: { type: "string" } },
            },
          },
        },
      },
    },
    async () => SUPPORTED_LANGUAGES,
  );
}
