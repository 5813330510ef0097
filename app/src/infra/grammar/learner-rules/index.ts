/**
 * The learner rules, in the order they are tried: when two find the same words, the first one's finding is kept.
 * A new rule is one file beside this one (and its test), plus one line here.
 */
import { aVerbAfterNounSubject } from "./a-verb-after-noun-subject.js";
import { adjectiveAfterPluralNoun } from "./adjective-agreement.js";
import { adjectiveAgreement } from "./adjective-agrees-with-noun.js";
import { ceForSe } from "./ce-se.js";
import { cetBeforeVowelSound } from "./cet-before-vowel-sound.js";
import { etForEst, onForOnt, sonForSont } from "./homophones-after-subject.js";
import { infinitiveForPastParticiple } from "./infinitive-for-past-participle.js";
import { irregularVerb } from "./irregular-verb.js";
import { laForThere } from "./la-there.js";
import { leurLeurs } from "./leur-leurs.js";
import { maisMes } from "./mais-mes.js";
import { missingElision } from "./missing-elision.js";
import { ouWhere } from "./ou-where.js";
import { pastParticipleForInfinitive } from "./past-participle-for-infinitive.js";
import { pluralAfterQuantity } from "./plural-after-quantity.js";
import { pluralOfCountableNoun } from "./plural-of-countable-noun.js";
import type { LearnerRule } from "./rule.js";
import { saitForSest, sesForCest } from "./ses-sait-cest.js";
import { subjunctiveAfterTrigger } from "./subjunctive-after-trigger.js";

export const LEARNER_RULES: readonly LearnerRule[] = [
  aVerbAfterNounSubject,
  etForEst,
  ouWhere,
  sesForCest,
  saitForSest,
  sonForSont,
  onForOnt,
  ceForSe,
  leurLeurs,
  laForThere,
  maisMes,
  adjectiveAfterPluralNoun,
  pluralAfterQuantity,
  irregularVerb,
  // second writer's families
  infinitiveForPastParticiple,
  pastParticipleForInfinitive,
  subjunctiveAfterTrigger,
  pluralOfCountableNoun,
  adjectiveAgreement,
  cetBeforeVowelSound,
  missingElision,
];

/** Part of the decorated engine's version, so the cache never serves matches of an older rule set: bump it with any rule change. */
export const LEARNER_RULES_VERSION = 3;
