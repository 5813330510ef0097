/**
 * Learner-friendly explanations, in French, for the errors Grammalecte reports.
 *
 * Grammalecte's own messages say what is wrong ("Accord de nombre erroné"); these say why, with the
 * rule a learner can reuse next time. Entries are keyed by topic (a family of Grammalecte rules,
 * recognised from the rule's name, e.g. every "a/à" confusion rule) or by our category id, which is
 * the fallback, so every match gets an explanation.
 */

import type { GrammarMatch } from "./engine.js";
import {
  CATEGORIES,
  categoryOfFamily,
  grammalecteRuleIdFrom,
  grammalecteRuleName,
  ruleFamilyKey,
  SPELLING_RULE_ID,
  type CategoryId,
} from "./rule-mapping.js";

export interface LearnerExplanation {
  /** Topic id (e.g. "A_OR_À") or category id (e.g. "AGREEMENT"). */
  id: string;
  title: string;
  explanation: string;
  example: { incorrect: string; correct: string };
  /** A trick to decide by oneself next time. */
  tip?: string;
}

/**
 * French typography wants a non-breaking space before ; : ! ? and inside « »; the catalog is typed
 * with ordinary spaces for readability, and this puts the right ones in.
 */
export function withFrenchSpacing(text: string): string {
  return text.replace(/ ([;:!?»])/gu, "\u00a0$1").replace(/« /gu, "«\u00a0");
}

type CatalogEntry = Omit<LearnerExplanation, "id">;

const CATEGORY_EXPLANATIONS: Record<CategoryId, CatalogEntry> = {
  GRAMMAR: {
    title: "Construction de la phrase",
    explanation:
      "Un mot ne s’accorde pas ou ne s’emploie pas comme la grammaire le demande. Relisez la phrase en cherchant " +
      "qui fait l’action et à quel mot se rapporte chaque élément. Après le pronom relatif « qui », le verbe " +
      "s’accorde avec le mot que « qui » remplace.",
    example: { incorrect: "C’est moi qui a raison.", correct: "C’est moi qui ai raison." },
    tip: "Remplacez « qui » par le mot qu’il reprend : « moi, j’ai raison ».",
  },
  CONJUGATION: {
    title: "Accord du verbe avec son sujet",
    explanation:
      "Le verbe s’accorde en personne et en nombre avec son sujet. Pour trouver le sujet, posez la question " +
      "« Qui est-ce qui ? » devant le verbe. Au présent, avec « ils » ou « elles », le verbe se termine le plus " +
      "souvent par « -ent », qui ne se prononce pas ; avec « tu », il se termine par « -s » ou par « -x ».",
    example: { incorrect: "Ils mange des pommes.", correct: "Ils mangent des pommes." },
    tip: "Remplacez le sujet par un pronom (il, elle, ils, elles) pour entendre la bonne personne.",
  },
  AGREEMENT: {
    title: "Accords dans le groupe nominal",
    explanation:
      "Dans un groupe nominal, le déterminant, le nom et l’adjectif s’accordent en genre (masculin ou féminin) " +
      "et en nombre (singulier ou pluriel). Quand le déterminant est au pluriel (les, des, ces, mes, plusieurs…), " +
      "le nom et ses adjectifs prennent en général un « -s », parfois un « -x ».",
    example: { incorrect: "Les chat noir dorment.", correct: "Les chats noirs dorment." },
    tip: "Repérez le déterminant : c’est lui qui indique le genre et le nombre de tout le groupe.",
  },
  HOMOPHONES: {
    title: "Mots qui se prononcent de la même façon",
    explanation:
      "Certains mots se prononcent de la même façon mais s’écrivent différemment et n’ont pas le même sens : « a » et « à », " +
      "« et » et « est », « son » et « sont », « tort » et « tord »… Le sens de la phrase et la nature du mot (verbe, nom, préposition) " +
      "permettent de choisir la bonne orthographe.",
    example: { incorrect: "Il a agi à tord.", correct: "Il a agi à tort." },
    tip: "Remplacez le mot par un autre de même nature : un verbe par le même verbe à l’imparfait, un nom par un autre nom.",
  },
  EXPRESSIONS: {
    title: "Expressions figées",
    explanation:
      "Une locution est une expression toute faite dont la forme ne change pas. Elle contient parfois un mot " +
      "ancien ou rare qu’on remplace à tort par un mot courant qui se prononce presque de la même façon.",
    example: { incorrect: "Il est parti sans crier garde.", correct: "Il est parti sans crier gare." },
    tip: "En cas de doute, cherchez l’expression complète dans un dictionnaire.",
  },
  ELISION: {
    title: "Élision et euphonie",
    explanation:
      "Devant un mot qui commence par une voyelle ou un h muet, certains petits mots perdent leur voyelle, " +
      "remplacée par une apostrophe : « le » devient « l’ », « de » devient « d’ », « que » devient « qu’ ». « Si » ne s’élide que devant " +
      "« il » et « ils » : on écrit « s’il », mais « si elle ».",
    example: { incorrect: "Si il pleut, nous resterons ici.", correct: "S’il pleut, nous resterons ici." },
  },
  SPELLING: {
    title: "Orthographe d’un mot",
    explanation:
      "Ce mot ne figure pas dans le dictionnaire : il contient sans doute une faute de frappe ou d’orthographe, " +
      "comme une lettre oubliée, doublée ou inversée, un accent ou une apostrophe qui manque. Les suggestions " +
      "proposent les mots existants les plus proches.",
    example: { incorrect: "Il fait beau aujourdhui.", correct: "Il fait beau aujourd’hui." },
    tip: "Si le mot est un nom propre ou un terme technique correct, vous pouvez ignorer cette remarque.",
  },
  HYPHENS: {
    title: "Traits d’union",
    explanation:
      "Le trait d’union relie les mots qui n’en forment qu’un par le sens. On l’emploie notamment entre un nom " +
      "et « -ci » ou « -là » (ce jour-là), entre un verbe et le pronom placé après lui (dis-moi, viens-tu) et dans les " +
      "nombres composés inférieurs à cent (vingt-deux), sauf avec « et » (vingt et un).",
    example: { incorrect: "Ce jour là, il pleuvait.", correct: "Ce jour-là, il pleuvait." },
  },
  CAPITALIZATION: {
    title: "Majuscules",
    explanation:
      "Une phrase commence par une majuscule, tout comme les noms propres. En revanche, en français, les jours " +
      "de la semaine, les mois et les adjectifs de nationalité s’écrivent avec une minuscule : lundi, janvier, " +
      "un livre français. Seuls les noms d’habitants prennent une majuscule : les Français.",
    example: { incorrect: "Nous partirons Lundi.", correct: "Nous partirons lundi." },
  },
  PUNCTUATION: {
    title: "Ponctuation",
    explanation:
      "On met une virgule devant « mais » et « car » quand ils relient deux propositions, ainsi que devant " +
      "« etc. ». La virgule marque la petite pause qui sépare les deux idées.",
    example: { incorrect: "Il voulait venir mais il était malade.", correct: "Il voulait venir, mais il était malade." },
  },
  TYPOGRAPHY: {
    title: "Typographie",
    explanation:
      "La typographie française a ses propres usages : apostrophe courbe, espace insécable avant le point-virgule, " +
      "les deux-points, le point d’exclamation et le point d’interrogation, points de suspension formant un seul " +
      "caractère. Ces détails ne changent pas le sens, mais ils soignent la présentation du texte.",
    example: { incorrect: "Attendez... je reviens.", correct: "Attendez… je reviens." },
  },
  STYLE: {
    title: "Style",
    explanation:
      "La phrase se comprend, mais une tournure est jugée familière, fautive dans un texte soigné ou inutilement " +
      "lourde. Une formulation plus simple ou plus soutenue convient mieux à l’écrit.",
    example: { incorrect: "Il est parti malgré qu’il pleuve.", correct: "Il est parti bien qu’il pleuve." },
    tip: "« Malgré » se construit avec un nom (malgré la pluie) ; pour introduire une proposition, employez « bien que » suivi du subjonctif.",
  },
  DATES: {
    title: "Dates",
    explanation:
      "La date indiquée n’existe pas, ou bien le jour de la semaine ne correspond pas à la date donnée. " +
      "Vérifiez le calendrier.",
    example: { incorrect: "Rendez-vous le mardi 3 janvier 2024.", correct: "Rendez-vous le mercredi 3 janvier 2024." },
  },
};

interface Topic {
  id: string;
  /** Tested against the Grammalecte rule name, e.g. "conf_à_a_après_verbes". */
  rulePattern: RegExp;
  entry: CatalogEntry;
}

/** Ordered: the first matching topic wins, so specific families come before broader ones. */
const TOPICS: readonly Topic[] = [
  {
    id: "A_OR_À",
    rulePattern: /(?:^|_)(?:a_à|à_a)(?:_|$)/u,
    entry: {
      title: "« a » ou « à » ?",
      explanation:
        "« a », sans accent, est le verbe avoir conjugué : il a, elle a. « à », avec un accent grave, est une " +
        "préposition : aller à Paris, un verre à eau, penser à quelqu’un.",
      example: { incorrect: "Je vais a la plage.", correct: "Je vais à la plage." },
      tip: "Remplacez par « avait » : si la phrase garde un sens, écrivez « a » ; sinon, écrivez « à ».",
    },
  },
  {
    id: "OU_OR_OÙ",
    rulePattern: /(?:^|_)(?:ou_où|où_ou)(?:_|$)/u,
    entry: {
      title: "« ou » ou « où » ?",
      explanation:
        "« ou », sans accent, marque un choix entre deux possibilités. « où », avec un accent grave, indique un " +
        "lieu ou un moment : où vas-tu, le jour où il est parti.",
      example: { incorrect: "Ou est ta sœur ?", correct: "Où est ta sœur ?" },
      tip: "Remplacez par « ou bien » : si la phrase garde un sens, écrivez « ou » ; sinon, écrivez « où ».",
    },
  },
  {
    id: "CES_SES_CEST",
    rulePattern: /(?:^|_)(?:ces_ses|ses_ces)(?:_|$)/u,
    entry: {
      title: "« ces », « ses » ou « c’est » ?",
      explanation:
        "« ses » est un déterminant possessif : ses clés sont les clés à lui ou à elle. « ces » est un déterminant " +
        "démonstratif qui montre : ces clés-là. « c’est » est formé de « ce » et du verbe être, et se remplace " +
        "par « c’était ».",
      example: { incorrect: "Ces un bon ami.", correct: "C’est un bon ami." },
      tip: "Mettez la phrase au passé : si « c’était » convient, écrivez « c’est ».",
    },
  },
  {
    id: "ET_OR_EST",
    rulePattern: /(?:^|_)(?:et_est|est_et)(?:_|$)/u,
    entry: {
      title: "« et » ou « est » ?",
      explanation:
        "« est » est le verbe être à la troisième personne du singulier : il est, elle est. « et » est une " +
        "conjonction qui relie deux mots ou deux idées.",
      example: { incorrect: "Il et parti sans rien dire.", correct: "Il est parti sans rien dire." },
      tip: "Remplacez par « était » : si la phrase garde un sens, écrivez « est » ; sinon, écrivez « et ».",
    },
  },
  {
    id: "ON_OR_ONT",
    rulePattern: /(?:^|_)on_ont(?:_|$)|^conf_ont(?:_|$)/u,
    entry: {
      title: "« on » ou « ont » ?",
      explanation:
        "« ont » est le verbe avoir à la troisième personne du pluriel : ils ont, elles ont. « on » est un pronom " +
        "sujet, comme « il ».",
      example: { incorrect: "Ils on raison.", correct: "Ils ont raison." },
      tip: "Remplacez par « avaient » : si la phrase garde un sens, écrivez « ont » ; sinon, écrivez « on ».",
    },
  },
  {
    id: "SON_OR_SONT",
    rulePattern: /(?:^|_)son_sont(?:_|$)/u,
    entry: {
      title: "« son » ou « sont » ?",
      explanation:
        "« sont » est le verbe être à la troisième personne du pluriel : ils sont, elles sont. « son » est un " +
        "déterminant possessif : son livre est le livre à lui ou à elle.",
      example: { incorrect: "Ils son partis hier.", correct: "Ils sont partis hier." },
      tip: "Remplacez par « étaient » : si la phrase garde un sens, écrivez « sont » ; sinon, écrivez « son ».",
    },
  },
  {
    id: "CE_OR_SE",
    rulePattern: /(?:^|_)(?:ce_se|se_ce|ce_ceux_se|se_ceux_ce)(?:_|$)/u,
    entry: {
      title: "« ce » ou « se » ?",
      explanation:
        "« se » est un pronom qui accompagne un verbe pronominal : il se lave, ils se parlent. « ce » est un " +
        "déterminant (ce livre) ou un pronom démonstratif (ce que je veux, c’est la paix).",
      example: { incorrect: "Il ce lave les mains.", correct: "Il se lave les mains." },
      tip: "Conjuguez le verbe avec « je » : si « me » convient (je me lave), écrivez « se ».",
    },
  },
  {
    id: "LA_OR_LÀ",
    rulePattern: /(?:^|_)la_là(?:_|$)/u,
    entry: {
      title: "« la » ou « là » ?",
      explanation:
        "« là », avec un accent grave, indique un lieu et se remplace par « ici » ; on le retrouve dans là-bas " +
        "et ce jour-là. « la », sans accent, est un article (la maison) ou un pronom (je la vois).",
      example: { incorrect: "Il habite la-bas.", correct: "Il habite là-bas." },
      tip: "Remplacez par « ici » : si la phrase garde un sens, écrivez « là ».",
    },
  },
  {
    id: "QUAND_OR_QUANT",
    rulePattern: /(?:^|_)(?:quand_quant|quant_quand|qu_en_quand|camp_quand)(?:_|$)/u,
    entry: {
      title: "« quand », « quant » ou « qu’en » ?",
      explanation:
        "« quand » indique le temps : quand viendras-tu, quand il pleut. « quant à » signifie « en ce qui " +
        "concerne » et s’écrit toujours avec un « t ». « qu’en » est formé de « que » et de « en » : qu’en penses-tu.",
      example: { incorrect: "Quand à moi, je préfère le thé.", correct: "Quant à moi, je préfère le thé." },
      tip: "Si vous pouvez dire « en ce qui concerne », écrivez « quant à ».",
    },
  },
  {
    id: "PEU_OR_PEUT",
    rulePattern: /(?:^|_)(?:peu_peut|peut_peux_peu)(?:_|$)/u,
    entry: {
      title: "« peu », « peut » ou « peux » ?",
      explanation:
        "« peux » et « peut » sont le verbe pouvoir : je peux, tu peux, il peut. « peu » est un adverbe de " +
        "quantité, le contraire de « beaucoup ».",
      example: { incorrect: "Il peu venir demain.", correct: "Il peut venir demain." },
      tip: "Remplacez par « pouvait » : si la phrase garde un sens, c’est le verbe pouvoir.",
    },
  },
  {
    id: "INFINITIVE_OR_PAST_PARTICIPLE",
    rulePattern: /^ppas_avoir$|^ppas_être_confusion$|^infi_/u,
    entry: {
      title: "Infinitif en « -er » ou participe passé en « -é » ?",
      explanation:
        "Pour les verbes du premier groupe, l’infinitif en « -er » et le participe passé en « -é » se prononcent de la " +
        "même façon. Après l’auxiliaire avoir ou être, on emploie le participe passé : elle a acheté. Après une " +
        "préposition (à, de, pour, sans) ou après un verbe conjugué autre qu’un auxiliaire, on emploie l’infinitif : elle veut acheter.",
      example: { incorrect: "Elle a acheter une voiture.", correct: "Elle a acheté une voiture." },
      tip: "Remplacez par un verbe comme « vendre » : « elle a vendu » demande le participe, « elle veut vendre » l’infinitif.",
    },
  },
  {
    id: "PAST_PARTICIPLE_WITH_AVOIR",
    rulePattern: /^ppas_.*avoir/u,
    entry: {
      title: "Accord du participe passé avec avoir",
      explanation:
        "Avec l’auxiliaire avoir, le participe passé ne s’accorde jamais avec le sujet. Il s’accorde seulement " +
        "avec le complément d’objet direct quand celui-ci est placé avant le verbe, souvent sous la forme d’un " +
        "pronom comme la, les ou que : les pommes que j’ai mangées.",
      example: { incorrect: "Nous avons mangés ensemble.", correct: "Nous avons mangé ensemble." },
      tip: "Posez la question « quoi ? » après le verbe : si la réponse se trouve avant le verbe, accordez avec elle.",
    },
  },
  {
    id: "PAST_PARTICIPLE_WITH_ÊTRE",
    rulePattern: /^ppas_/u,
    entry: {
      title: "Accord du participe passé avec être",
      explanation:
        "Employé avec l’auxiliaire être, le participe passé s’accorde en genre et en nombre avec le sujet du " +
        "verbe, comme un adjectif : on ajoute « -e » au féminin et « -s » au pluriel.",
      example: { incorrect: "Elles sont allé au cinéma.", correct: "Elles sont allées au cinéma." },
      tip: "Demandez-vous qui est allé : la réponse, ici « elles », donne le genre et le nombre.",
    },
  },
  {
    id: "CONDITIONAL_AFTER_SI",
    rulePattern: /^vmode_si_/u,
    entry: {
      title: "Pas de conditionnel après « si »",
      explanation:
        "Quand « si » introduit une condition, le verbe qui le suit n’est jamais au conditionnel : on emploie " +
        "l’imparfait ou le plus-que-parfait, et le conditionnel se place dans l’autre partie de la phrase.",
      example: { incorrect: "Si j’aurais su, je serais venu.", correct: "Si j’avais su, je serais venu." },
      tip: "Retenez la formule : « les si n’aiment pas les -rais ».",
    },
  },
  {
    id: "SUBJUNCTIVE",
    rulePattern: /^vmode_.*subjonctif/u,
    entry: {
      title: "Le subjonctif après « que »",
      explanation:
        "Après les verbes et les expressions qui expriment une obligation, une volonté, un doute ou un sentiment " +
        "(il faut que, vouloir que, bien que, avant que), le verbe se met au subjonctif.",
      example: { incorrect: "Il faut qu’il vient.", correct: "Il faut qu’il vienne." },
      tip: "Essayez avec le verbe faire : on dit « il faut qu’il fasse », donc le subjonctif est attendu.",
    },
  },
  {
    id: "IMPERATIVE",
    rulePattern: /^imp_/u,
    entry: {
      title: "L’impératif",
      explanation:
        "À l’impératif, les verbes en « -er », ainsi que les verbes aller, ouvrir, offrir ou cueillir, ne prennent pas de « s » à la " +
        "deuxième personne du singulier : mange, va, ouvre. Le « s » revient seulement devant « en » et « y » : " +
        "manges-en, vas-y. Le pronom placé après le verbe s’y rattache par un trait d’union : dis-moi.",
      example: { incorrect: "Manges ta soupe.", correct: "Mange ta soupe." },
    },
  },
  {
    id: "INTERROGATIVE_INVERSION",
    rulePattern: /^inte_/u,
    entry: {
      title: "Trait d’union dans les questions",
      explanation:
        "Quand le pronom sujet est placé après le verbe, comme dans une question, on relie le verbe et le pronom " +
        "par un trait d’union : viens-tu, allez-vous. Si le verbe se termine par une voyelle devant il, elle ou on, " +
        "on ajoute un « t » entre deux traits d’union : a-t-il, va-t-elle.",
      example: { incorrect: "Que fais tu ce soir ?", correct: "Que fais-tu ce soir ?" },
    },
  },
  {
    id: "REPEATED_WORD",
    rulePattern: /^doublon$/u,
    entry: {
      title: "Mot répété",
      explanation: "Le même mot apparaît deux fois de suite, le plus souvent par inattention lors de la saisie.",
      example: { incorrect: "Il est parti avec avec son frère.", correct: "Il est parti avec son frère." },
    },
  },
  {
    id: "PLEONASM",
    rulePattern: /^pleo_/u,
    entry: {
      title: "Pléonasme",
      explanation:
        "Un pléonasme répète inutilement une idée déjà contenue dans un mot : prévoir, c’est déjà voir à l’avance, " +
        "et monter, c’est déjà aller vers le haut.",
      example: { incorrect: "Il faut prévoir à l’avance.", correct: "Il faut prévoir." },
    },
  },
  {
    id: "TYPOGRAPHIC_APOSTROPHE",
    rulePattern: /^apostrophe_typographique/u,
    entry: {
      title: "Apostrophe typographique",
      explanation:
        "Dans un texte soigné, on emploie l’apostrophe courbe (’) plutôt que l’apostrophe droite ('), héritée " +
        "des machines à écrire. La plupart des traitements de texte peuvent la remplacer automatiquement.",
      example: { incorrect: "L'été est chaud.", correct: "L’été est chaud." },
    },
  },
  {
    id: "NON_BREAKING_SPACE",
    rulePattern: /^nbsp_|^unit_nbsp/u,
    entry: {
      title: "Espace insécable",
      explanation:
        "En français, on place un espace insécable avant le point-virgule, les deux-points, le point " +
        "d’exclamation et le point d’interrogation, à l’intérieur des guillemets et entre un nombre et son unité. " +
        "Contrairement à un espace ordinaire, il empêche le signe de se retrouver seul en début de ligne.",
      example: { incorrect: "Vraiment?", correct: "Vraiment ?" },
    },
  },
];

function withSpacing(id: string, entry: CatalogEntry): LearnerExplanation {
  const explanation: LearnerExplanation = {
    id,
    title: withFrenchSpacing(entry.title),
    explanation: withFrenchSpacing(entry.explanation),
    example: { incorrect: withFrenchSpacing(entry.example.incorrect), correct: withFrenchSpacing(entry.example.correct) },
  };
  if (entry.tip) explanation.tip = withFrenchSpacing(entry.tip);
  return explanation;
}

const CATALOG: ReadonlyMap<string, LearnerExplanation> = new Map([
  ...TOPICS.map((topic) => [topic.id, withSpacing(topic.id, topic.entry)] as const),
  ...(Object.entries(CATEGORY_EXPLANATIONS) as Array<[CategoryId, CatalogEntry]>).map(
    ([id, entry]) => [id, withSpacing(id, entry)] as const,
  ),
]);

/** The topic of a Grammalecte rule (given by its name, e.g. "conf_à_a_après_verbes"), if any. */
export function topicOfRule(ruleName: string): string | null {
  return TOPICS.find((topic) => topic.rulePattern.test(ruleName))?.id ?? null;
}

function explanationForRuleId(ruleId: string): LearnerExplanation | null {
  if (ruleId === SPELLING_RULE_ID) return CATALOG.get(CATEGORIES.SPELLING.id) ?? null;
  const sRuleId = grammalecteRuleIdFrom(ruleId);
  if (sRuleId === null) return null;
  const topic = topicOfRule(grammalecteRuleName(sRuleId));
  if (topic) return CATALOG.get(topic) ?? null;
  // Without the match we do not know the rule's option; in most rules the name starts with it.
  const category = categoryOfFamily(ruleFamilyKey("notype", sRuleId));
  return category ? (CATALOG.get(category.id) ?? null) : null;
}

/**
 * Words learners confuse because they sound alike. Grammalecte often reports these confusions from
 * rules about something else (an agreement rule notices "Il ce lave" and suggests "se"), so the
 * flagged word and its replacements tell the topic better than the rule does.
 */
const HOMOPHONE_SETS: ReadonlyArray<{ topic: string; words: ReadonlySet<string> }> = [
  { topic: "A_OR_À", words: new Set(["a", "à"]) },
  { topic: "OU_OR_OÙ", words: new Set(["ou", "où"]) },
  { topic: "ET_OR_EST", words: new Set(["et", "est"]) },
  { topic: "ON_OR_ONT", words: new Set(["on", "ont"]) },
  { topic: "SON_OR_SONT", words: new Set(["son", "sont"]) },
  { topic: "CE_OR_SE", words: new Set(["ce", "se"]) },
  { topic: "LA_OR_LÀ", words: new Set(["la", "là"]) },
  { topic: "CES_SES_CEST", words: new Set(["ces", "ses", "c’est", "s’est"]) },
  { topic: "QUAND_OR_QUANT", words: new Set(["quand", "quant", "qu’en"]) },
  { topic: "PEU_OR_PEUT", words: new Set(["peu", "peut", "peux"]) },
];

/** "La-bas" → "la", "C'est" → "c’est": the word as the homophone sets spell it. */
function homophoneKey(word: string): string {
  return word.trim().toLowerCase().replace(/'/gu, "’").split("-")[0] ?? "";
}

/** The homophone topic when `flagged` and one of its replacements are two spellings of one sound. */
export function homophoneTopic(flagged: string, replacements: readonly string[]): string | null {
  const flaggedKey = homophoneKey(flagged);
  const replacementKeys = replacements.map(homophoneKey);
  for (const { topic, words } of HOMOPHONE_SETS) {
    if (words.has(flaggedKey) && replacementKeys.some((key) => key !== flaggedKey && words.has(key))) return topic;
  }
  return null;
}

/**
 * An explanation for a match, from the most to the least specific: the homophones it confuses (when
 * the checked `text` is given, to read the flagged word), its rule's topic, its category, and the
 * general grammar explanation.
 */
export function explainMatch(
  match: Pick<GrammarMatch, "ruleId" | "category" | "offset" | "length" | "replacements">,
  text?: string,
): LearnerExplanation {
  const flagged = text?.slice(match.offset, match.offset + match.length);
  const sRuleId = grammalecteRuleIdFrom(match.ruleId);
  const topic =
    (flagged === undefined ? null : homophoneTopic(flagged, match.replacements)) ??
    (sRuleId === null ? null : topicOfRule(grammalecteRuleName(sRuleId)));
  return (
    (topic ? CATALOG.get(topic) : undefined) ??
    CATALOG.get(match.category.id) ??
    (CATALOG.get(CATEGORIES.GRAMMAR.id) as LearnerExplanation)
  );
}

/** Lookup by topic id, category id or one of our rule ids ("GRAMMALECTE_…"); null when unknown. */
export function getExplanation(ruleOrCategoryId: string): LearnerExplanation | null {
  return CATALOG.get(ruleOrCategoryId) ?? explanationForRuleId(ruleOrCategoryId);
}

export function listExplanations(): LearnerExplanation[] {
  return [...CATALOG.values()];
}
