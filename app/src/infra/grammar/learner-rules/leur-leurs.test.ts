import { leurLeurs } from "./leur-leurs.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(leurLeurs, {
  wrong: [
    ["Ils ont vendu leur voitures.", "leur → leurs"],
    ["Elles rangent leur affaires.", "leur → leurs"],
    ["Je leurs téléphone demain.", "leurs → leur"],
    ["Nous leurs parlons souvent.", "leurs → leur"],
  ],
  right: [
    "Ils ont vendu leurs voitures.",
    "Je leur téléphone demain.",
    "On leur offre des fleurs.",
    "Il faut leur apprendre à nager.",
    "Ils ont pris leur petit déjeuner.",
  ],
});
