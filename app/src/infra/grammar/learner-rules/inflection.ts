/** Gender and number read from the lexicon's tags, and the inflected form of a word for them. */
import { hasTags, type AnalyzedToken, type Inflections } from "./analysis.js";

export type Gender = "m" | "f";

/** The gender of a noun when its readings agree on one (idées → f); null for an epicene or unknown noun. */
export function genderOf(token: AnalyzedToken): Gender | null {
  const feminine = hasTags(token, /:[NA].*:f/u);
  const masculine = hasTags(token, /:[NA].*:m/u);
  if (feminine === masculine) return null;
  return feminine ? "f" : "m";
}

/** The plural of `token` for `gender` (or its own gender), from the lexicon's inflections; null when unknown. */
export function pluralOf(token: AnalyzedToken, gender: Gender | null): string | null {
  const inflections: Inflections | null = token.inflections;
  if (!inflections) return null;
  const own = genderOf(token);
  const order: Array<keyof Inflections> =
    (gender ?? own) === "f" ? ["fp"] : (gender ?? own) === "m" ? ["mp"] : ["mp", "fp"];
  for (const key of order) {
    const form = inflections[key].find((candidate) => candidate !== token.value);
    if (form) return form;
  }
  return null;
}

/** Singular only: tagged singular in every reading of its kind (no plural, no invariable reading). */
export function isSingularOnly(token: AnalyzedToken, kind: RegExp): boolean {
  const readings = token.morph.filter((morph) => kind.test(morph));
  return readings.length > 0 && readings.every((morph) => /:s(?:[/;:]|$)/u.test(morph) && !/:[pi](?:[/;:]|$)/u.test(morph));
}
