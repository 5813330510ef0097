import { pluralAfterQuantity } from "./plural-after-quantity.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(pluralAfterQuantity, {
  wrong: [
    ["Beaucoup de personne sont venues.", "personne → personnes"],
    ["Beaucoup d’élève ont réussi.", "élève → élèves"],
  ],
  right: [
    "Beaucoup de personnes sont venues.",
    "Peu de lait reste dans la bouteille.",
    "Trop de sucre rend malade.",
    "Il reste beaucoup de travail.",
  ],
});
