import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";

describe("sentences", () => {
  it("splits on end punctuation and line breaks, not on abbreviations or numbers", () => {
    const text = "M. Dupont est là. Il a 3.5 ans ! Vraiment ?\nOui… « Bien. » Fin";
    const sentences = splitSentences(text).map((range) => text.slice(range.start, range.end));
    expect(sentences).toEqual(["M. Dupont est là.", "Il a 3.5 ans !", "Vraiment ?", "Oui…", "« Bien. »", "Fin"]);
  });

  it("leaves surrounding whitespace out of every range", () => {
    const text = "  Bonjour.   \n\n  Au revoir.  ";
    expect(splitSentences(text).map((range) => text.slice(range.start, range.end))).toEqual(["Bonjour.", "Au revoir."]);
  });
});
