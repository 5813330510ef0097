/**
 * Compares a learner's answer with the expected one.
 *
 * Tolerated, because they are typing habits and not French mistakes: letter case, spaces around and
 * inside the answer (several spaces, non-breaking spaces, a space or none before « ! ? ; : »), the
 * apostrophe's shape (' ’ ‘ ʼ ´ `) and the quotes' shape.
 *
 * Not tolerated: a missing, extra or wrong accent. In French an accent is part of the spelling and often
 * of the meaning (« a » verb / « à » preposition, « ou » / « où », « du » / « dû », « mur » / « mûr »),
 * so an answer that differs only by accents is wrong, and the verdict says that it is the accent.
 */

export type AnswerVerdict =
  | { correct: true; reason: "exact" | "equivalent" }
  | { correct: false; reason: "accents" | "different"; differences: WordDifference[] };

export interface WordDifference {
  /** Word expected at this place, or null where the answer has an extra word. */
  expected: string | null;
  /** Word the learner wrote, or null where it is missing. */
  given: string | null;
}

const APOSTROPHES = /['‘’ʼ´`′]/g;
const DOUBLE_QUOTES = /["“”„«»]/g;
const SPACES = /[\s\u00a0\u202f\u2007]+/g;

/** The answer in the form compared: what the tolerated differences above cannot change. */
export function normalizeAnswer(answer: string): string {
  return answer
    .normalize("NFC")
    .replace(APOSTROPHES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(SPACES, " ")
    .replace(/ ?([!?;:])/g, "$1")
    .replace(/' /g, "'")
    .replace(/" ?| ?"/g, '"')
    .trim()
    .toLocaleLowerCase("fr");
}

/** Removes accents and cedillas (é→e, ç→c, œ stays): used only to tell the learner that the accent was the mistake. */
export function withoutAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
}

function words(text: string): string[] {
  return text.split(" ").filter((word) => word !== "");
}

/** Word-level alignment (longest common subsequence) listing where the answer departs from the expected text. */
export function wordDifferences(expected: string, given: string): WordDifference[] {
  const a = words(expected);
  const b = words(given);
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] = a[i] === b[j] ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const differences: WordDifference[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && j < b.length && (table[i + 1]?.[j + 1] ?? 0) === (table[i]?.[j] ?? 0)) {
      differences.push({ expected: a[i] ?? null, given: b[j] ?? null });
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0))) {
      differences.push({ expected: a[i] ?? null, given: null });
      i++;
    } else {
      differences.push({ expected: null, given: b[j] ?? null });
      j++;
    }
  }
  return differences;
}

export function checkAnswer(expected: string, given: string): AnswerVerdict {
  if (given === expected) return { correct: true, reason: "exact" };
  const normalizedExpected = normalizeAnswer(expected);
  const normalizedGiven = normalizeAnswer(given);
  if (normalizedGiven === normalizedExpected) return { correct: true, reason: "equivalent" };
  const differences = wordDifferences(normalizedExpected, normalizedGiven);
  if (withoutAccents(normalizedGiven) === withoutAccents(normalizedExpected)) {
    return { correct: false, reason: "accents", differences };
  }
  return { correct: false, reason: "different", differences };
}

/** A French sentence for the learner explaining the verdict. */
export function describeVerdict(verdict: AnswerVerdict, expected: string): string {
  if (verdict.correct) return "Bonne réponse !";
  if (verdict.reason === "accents") {
    return (
      `Presque : seuls les accents diffèrent. La réponse attendue est « ${expected} ». ` +
      "En français, l’accent fait partie de l’orthographe et change souvent le sens (a / à, ou / où) : " +
      "une réponse sans le bon accent est comptée fausse."
    );
  }
  return `Ce n’est pas la bonne réponse. La réponse attendue est « ${expected} ».`;
}
