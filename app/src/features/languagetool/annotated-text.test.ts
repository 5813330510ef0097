import { describe, expect, it } from "vitest";
import { httpErrorOf } from "../../../testing/http-error.js";
import { parseAnnotatedData } from "./annotated-text.js";

describe("annotated text", () => {
  const data = {
    annotation: [
      { text: "Les " },
      { markup: "<b>" },
      { text: "enfant" },
      { markup: "</b>" },
      { text: " mange." },
      { markup: "<br/>", interpretAs: "\n\n" },
      { text: "Il a manger." },
    ],
  };

  it("checks the text parts and interpretAs, and maps offsets back to the document with markup", () => {
    const document = parseAnnotatedData(JSON.stringify(data));
    expect(document.plainText).toBe("Les enfant mange.\n\nIl a manger.");
    expect(document.originalText).toBe("Les <b>enfant</b> mange.<br/>Il a manger.");
    const enfant = document.plainText.indexOf("enfant");
    const start = document.toOriginalOffset(enfant, "start");
    const end = document.toOriginalOffset(enfant + "enfant".length, "end");
    expect(document.originalText.slice(start, end)).toBe("enfant");
    const manger = document.plainText.indexOf("manger");
    const mangerStart = document.toOriginalOffset(manger, "start");
    expect(document.originalText.slice(mangerStart, mangerStart + 6)).toBe("manger");
  });

  it("stretches a range that touches an interpretAs stand-in over the whole markup", () => {
    const document = parseAnnotatedData(data);
    const breakStart = document.plainText.indexOf("\n");
    expect(document.toOriginalOffset(breakStart, "start")).toBe(document.originalText.indexOf("<br/>"));
    expect(document.toOriginalOffset(breakStart + 2, "end")).toBe(document.originalText.indexOf("<br/>") + "<br/>".length);
  });

  it("names the faulty part of bad annotated text", () => {
    expect(httpErrorOf(() => parseAnnotatedData("{oops")).code).toBe("invalid_json");
    expect(httpErrorOf(() => parseAnnotatedData('{"annotations":[]}')).message).toMatch(/no "annotation" array/);
    expect(httpErrorOf(() => parseAnnotatedData('{"annotation":[{"text":1}]}')).message).toMatch(/data.annotation\[0\]/);
    expect(httpErrorOf(() => parseAnnotatedData('{"annotation":[{"markup":"<b>","interpretAs":5}]}')).message).toMatch(
      /interpretAs must be a string/,
    );
  });
});
