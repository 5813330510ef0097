import { aVerbAfterNounSubject } from "./a-verb-after-noun-subject.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(aVerbAfterNounSubject, {
  wrong: [
    ["Ma mère à une voiture.", "à → a"],
    ["Le professeur à raison.", "à → a"],
    ["Marie à trois chats noirs.", "à → a"],
    ["Hier, notre voisin à acheté une maison.", "à → a"],
  ],
  right: [
    "Ma mère a une voiture.",
    "La maison à la campagne est grande.",
    "Le train à grande vitesse arrive à midi.",
    "Mon frère pense à ses examens.",
    "Un verre à eau est posé sur la table.",
    "Mes parents à la maison.",
  ],
});
