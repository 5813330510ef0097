import { describe, expect, it } from "vitest";
import { httpErrorOf } from "../../../testing/http-error.js";
import { detectFrench, resolveLanguage } from "./languages.js";

describe("languages", () => {
  it("accepts fr, fr-FR and auto, and lists them when refusing another language", () => {
    expect(resolveLanguage("FR")).toEqual({ mode: "fixed", code: "fr" });
    expect(resolveLanguage("fr_FR")).toEqual({ mode: "fixed", code: "fr-FR" });
    expect(resolveLanguage("auto")).toEqual({ mode: "auto" });
    const refused = httpErrorOf(() => resolveLanguage("de-DE"));
    expect(refused.code).toBe("unsupported_language");
    expect(refused.message).toMatch(/"de-DE" is not supported.*language=fr, language=fr-FR, language=auto/);
  });

  it("rates French text as more French than English text", () => {
    expect(detectFrench("Je pense que nous sommes arrivés à la maison avec les enfants.").confidence).toBeGreaterThan(
      detectFrench("I think that we arrived at the house with the children.").confidence,
    );
  });
});
