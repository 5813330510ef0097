/**
 * Distinct, grammatical French sentences for benchmarks: a subject, a verb conjugated for it in the
 * present, an object, a place and a time, combined by index. Consecutive indices change every part, and
 * the space holds several hundred thousand sentences, so a benchmark never repeats one (no cache hit).
 */

type Person = "1sg" | "2sg" | "3sg" | "1pl" | "2pl" | "3pl";

const SUBJECTS: ReadonlyArray<{ text: string; person: Person }> = [
  { text: "je", person: "1sg" },
  { text: "tu", person: "2sg" },
  { text: "ma sœur", person: "3sg" },
  { text: "notre voisin", person: "3sg" },
  { text: "on", person: "3sg" },
  { text: "nous", person: "1pl" },
  { text: "vous", person: "2pl" },
  { text: "mes parents", person: "3pl" },
  { text: "les élèves de la classe", person: "3pl" },
  { text: "Julien", person: "3sg" },
  { text: "le directeur", person: "3sg" },
  { text: "elles", person: "3pl" },
];

/** Present tense, by person: 1sg 2sg 3sg 1pl 2pl 3pl. */
const VERBS: ReadonlyArray<Record<Person, string>> = [
  { "1sg": "regarde", "2sg": "regardes", "3sg": "regarde", "1pl": "regardons", "2pl": "regardez", "3pl": "regardent" },
  { "1sg": "achète", "2sg": "achètes", "3sg": "achète", "1pl": "achetons", "2pl": "achetez", "3pl": "achètent" },
  { "1sg": "prépare", "2sg": "prépares", "3sg": "prépare", "1pl": "préparons", "2pl": "préparez", "3pl": "préparent" },
  { "1sg": "cherche", "2sg": "cherches", "3sg": "cherche", "1pl": "cherchons", "2pl": "cherchez", "3pl": "cherchent" },
  { "1sg": "choisis", "2sg": "choisis", "3sg": "choisit", "1pl": "choisissons", "2pl": "choisissez", "3pl": "choisissent" },
  { "1sg": "prends", "2sg": "prends", "3sg": "prend", "1pl": "prenons", "2pl": "prenez", "3pl": "prennent" },
  { "1sg": "vois", "2sg": "vois", "3sg": "voit", "1pl": "voyons", "2pl": "voyez", "3pl": "voient" },
  { "1sg": "apporte", "2sg": "apportes", "3sg": "apporte", "1pl": "apportons", "2pl": "apportez", "3pl": "apportent" },
  { "1sg": "garde", "2sg": "gardes", "3sg": "garde", "1pl": "gardons", "2pl": "gardez", "3pl": "gardent" },
  { "1sg": "range", "2sg": "ranges", "3sg": "range", "1pl": "rangeons", "2pl": "rangez", "3pl": "rangent" },
  { "1sg": "reçois", "2sg": "reçois", "3sg": "reçoit", "1pl": "recevons", "2pl": "recevez", "3pl": "reçoivent" },
  { "1sg": "vends", "2sg": "vends", "3sg": "vend", "1pl": "vendons", "2pl": "vendez", "3pl": "vendent" },
  { "1sg": "montre", "2sg": "montres", "3sg": "montre", "1pl": "montrons", "2pl": "montrez", "3pl": "montrent" },
  { "1sg": "oublie", "2sg": "oublies", "3sg": "oublie", "1pl": "oublions", "2pl": "oubliez", "3pl": "oublient" },
  { "1sg": "emporte", "2sg": "emportes", "3sg": "emporte", "1pl": "emportons", "2pl": "emportez", "3pl": "emportent" },
];

const OBJECTS = [
  "un livre passionnant",
  "une grande boîte bleue",
  "les clés de la voiture",
  "un gâteau au chocolat",
  "la lettre de leur cousin",
  "des fleurs jaunes",
  "un vieux journal",
  "les photos des vacances",
  "une robe élégante",
  "le dossier de la réunion",
  "des légumes frais",
  "un petit cadeau",
  "la carte de la région",
  "des chaussures neuves",
  "une bouteille d’eau",
];

const PLACES = [
  "dans la cuisine",
  "au marché",
  "à la bibliothèque",
  "sur la table du salon",
  "près de la gare",
  "dans le jardin",
  "au bureau",
  "chez la boulangère",
  "à la plage",
  "dans la petite rue",
  "au fond du couloir",
  "devant l’école",
];

const TIMES = [
  "Ce matin",
  "Chaque lundi",
  "Demain soir",
  "Tous les jours",
  "Cet après-midi",
  "Le dimanche",
  "En général",
  "Ce soir",
  "Parfois",
  "Souvent",
  "Aujourd’hui",
  "À midi",
];

const PARTS = [TIMES.length, SUBJECTS.length, VERBS.length, OBJECTS.length, PLACES.length] as const;

/** Prime, and none of the part sizes (made of 2, 3 and 5) has it as a factor. */
const SCATTER = 7919;

/** How many distinct sentences sentenceAt can produce. */
export const SENTENCE_COUNT = PARTS.reduce((product, size) => product * size, 1);

function startsWithVowel(word: string): boolean {
  return /^[aeiouyàâéèêëîïôûœh]/i.test(word);
}

/** The index-th sentence; indices beyond SENTENCE_COUNT wrap around. */
export function sentenceAt(index: number): string {
  // Multiplying by a prime that divides no part size is a bijection on 0..SENTENCE_COUNT-1 that scatters
  // consecutive indices; the mixed-radix digits of the result pick one entry of each part.
  let rest = (((index % SENTENCE_COUNT) + SENTENCE_COUNT) % SENTENCE_COUNT) * SCATTER % SENTENCE_COUNT;
  const picks: number[] = [];
  for (const size of PARTS) {
    picks.push(rest % size);
    rest = Math.floor(rest / size);
  }
  const [time, subjectIndex, verbIndex, object, place] = picks as [number, number, number, number, number];
  const subject = SUBJECTS[subjectIndex] as { text: string; person: Person };
  const verb = (VERBS[verbIndex] as Record<Person, string>)[subject.person];
  const subjectText = subject.text === "je" && startsWithVowel(verb) ? "j’" : `${subject.text} `;
  return `${TIMES[time]}, ${subjectText}${verb} ${OBJECTS[object]} ${PLACES[place]}.`;
}
