/**
 * Evaluation cases read from tab-separated files, one sentence a line: the sentence, the wrong words
 * (empty for a correct sentence) and the accepted fixes of those words separated by "|". Blank lines
 * and lines starting with "#" are skipped. The category of a case is its file's name ("a-à.tsv" → "a-à").
 */

export interface EvaluationCase {
  category: string;
  /** "file:line", for messages. */
  source: string;
  sentence: string;
  /** Null for a correct sentence. */
  wrong: { offset: number; length: number; fixes: string[] } | null;
}

export class EvaluationFileError extends Error {}

const LETTER = /[\p{L}\p{M}-]/u;

/** First occurrence of `span` in `sentence` that is not part of a longer word ("a" is not found in "chat"). */
export function findSpan(sentence: string, span: string): number {
  for (let index = sentence.indexOf(span); index >= 0; index = sentence.indexOf(span, index + 1)) {
    const before = sentence.charAt(index - 1);
    const after = sentence.charAt(index + span.length);
    const startsInWord = LETTER.test(span.charAt(0)) && before !== "" && LETTER.test(before);
    const endsInWord = LETTER.test(span.charAt(span.length - 1)) && after !== "" && LETTER.test(after);
    if (!startsInWord && !endsInWord) return index;
  }
  return -1;
}

function lineError(source: string, line: string, problem: string, fix: string): EvaluationFileError {
  return new EvaluationFileError(`${source}: ${problem} in ${JSON.stringify(line)}; ${fix}`);
}

const FORMAT = "expected: sentence<TAB>wrong words<TAB>fix|other fix (wrong words and fixes empty for a correct sentence)";

export function parseCases(content: string, category: string, file: string): EvaluationCase[] {
  const cases: EvaluationCase[] = [];
  content.split(/\r?\n/u).forEach((line, index) => {
    const source = `${file}:${index + 1}`;
    if (line.trim() === "" || line.startsWith("#")) return;
    const columns = line.split("\t");
    if (columns.length > 3) throw lineError(source, line, `${columns.length} tab-separated columns`, FORMAT);
    const [sentence = "", span = "", fixes = ""] = columns;
    if (sentence.trim() === "") throw lineError(source, line, "an empty sentence", FORMAT);
    if (span === "") {
      if (fixes !== "") throw lineError(source, line, "fixes without wrong words", `give the wrong words in the second column; ${FORMAT}`);
      cases.push({ category, source, sentence, wrong: null });
      return;
    }
    const offset = findSpan(sentence, span);
    if (offset < 0) {
      throw lineError(source, line, `the wrong words ${JSON.stringify(span)} are not in the sentence`, "copy them from the sentence exactly, as whole words");
    }
    const accepted = fixes.split("|").filter((fix) => fix !== "");
    if (accepted.length === 0) throw lineError(source, line, "wrong words without any fix", FORMAT);
    if (accepted.includes(span)) throw lineError(source, line, `the fix ${JSON.stringify(span)} is the wrong words themselves`, "list only corrections");
    cases.push({ category, source, sentence, wrong: { offset, length: span.length, fixes: accepted } });
  });
  return cases;
}
