/** A LanguageTool check: its parameters read, the engine's matches through the corrections cache, LanguageTool's answer. */
import type { FastifyInstance } from "fastify";
import { checkThroughCache } from "../../infra/grammar/cached-check.js";
import { detectFrench } from "./languages.js";
import { parseLanguageToolCheck, type RawParameters } from "./request.js";
import { buildLanguageToolResponse, selectMatches, type LanguageToolCheckResponse, type SoftwareInfo } from "./response.js";

export interface LanguageToolCheckOptions {
  maxTextLength: number;
  /** What `software` says of this server; its version gets the engine's version appended. */
  software: Omit<SoftwareInfo, "version"> & { appVersion: string };
}

export async function checkLikeLanguageTool(
  app: FastifyInstance,
  parameters: RawParameters,
  options: LanguageToolCheckOptions,
): Promise<LanguageToolCheckResponse> {
  const check = parseLanguageToolCheck(parameters, options.maxTextLength);
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
}
