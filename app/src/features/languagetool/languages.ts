/** The languages this LanguageTool-compatible server answers for: French only, as Grammalecte checks French. */
import { badRequest, quoteInput } from "../../infra/http/errors.js";

export interface LanguageToolLanguage {
  name: string;
  code: string;
  longCode: string;
}

/** What GET /v2/languages returns, in LanguageTool's shape. */
export const SUPPORTED_LANGUAGES: LanguageToolLanguage[] = [
  { name: "French", code: "fr", longCode: "fr" },
  { name: "French (France)", code: "fr", longCode: "fr-FR" },
];

/** Values accepted in the `language` parameter, compared case-insensitively. */
export const ACCEPTED_LANGUAGE_CODES = ["fr", "fr-FR", "auto"] as const;

export type RequestedLanguage = { mode: "fixed"; code: "fr" | "fr-FR" } | { mode: "auto" };

export function resolveLanguage(raw: unknown): RequestedLanguage {
  if (raw === undefined || raw === null || raw === "") {
    throw badRequest(
      "missing_parameter",
      `The "language" parameter is missing: send one of ${ACCEPTED_LANGUAGE_CODES.join(", ")}.`,
    );
  }
  if (typeof raw !== "string") {
    throw badRequest(
      "invalid_parameter",
      `The "language" parameter must be a string such as "fr-FR", got ${quoteInput(raw)}.`,
    );
  }
  const normalized = raw.trim().replace("_", "-").toLowerCase();
  if (normalized === "auto") return { mode: "auto" };
  if (normalized === "fr") return { mode: "fixed", code: "fr" };
  if (normalized === "fr-fr") return { mode: "fixed", code: "fr-FR" };
  throw badRequest(
    "unsupported_language",
    `The language ${quoteInput(raw)} is not supported: this server checks French only; send language=${ACCEPTED_LANGUAGE_CODES.join(", language=")}.`,
  );
}

// Frequent French words and letters, for the confidence reported with language=auto. The checker is
// French-only, so detection only tells the client how French the text looks, never switches engine.
const FRENCH_WORDS = new Set(
  (
    "le la les un une des de du et est sont à au aux en dans pour par sur avec sans ne pas plus que qui quoi " +
    "ce cette ces se sa son ses leur leurs il elle ils elles on nous vous je tu me te lui y mais ou où donc " +
    "or ni car comme très bien tout tous toute toutes avoir être fait faire c’est c'est j’ai j'ai l’ l' d’ d' qu’ qu'"
  ).split(" "),
);

export interface LanguageDetection {
  name: string;
  code: string;
  confidence: number;
}

/**
 * How French `text` looks, between 0 and 1: the share of its words that are frequent French words, with
 * a bonus for French diacritics. Used only for `detectedLanguage.confidence`.
 */
export function detectFrench(text: string): LanguageDetection {
  const words = text.toLowerCase().match(/[\p{L}’']+/gu) ?? [];
  if (words.length === 0) return { name: "French", code: "fr-FR", confidence: 0 };
  let french = 0;
  for (const word of words) {
    const elided = word.match(/^([a-z]['’])/u);
    if (FRENCH_WORDS.has(word) || (elided?.[1] !== undefined && FRENCH_WORDS.has(elided[1]))) french++;
  }
  const diacritics = (text.match(/[àâäçéèêëîïôöùûüÿœæ]/giu) ?? []).length;
  const share = french / words.length;
  const confidence = Math.min(1, share * 2.2 + Math.min(0.3, (diacritics / words.length) * 0.6));
  return { name: "French", code: "fr-FR", confidence: Math.round(confidence * 1000) / 1000 };
}
