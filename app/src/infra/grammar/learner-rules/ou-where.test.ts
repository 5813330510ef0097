import { ouWhere } from "./ou-where.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(ouWhere, {
  wrong: [
    ["Ou vas-tu ce soir ?", "Ou → Où"],
    ["Je ne sais pas ou il habite.", "ou → où"],
    ["Dis-moi ou tu as mis mes clés.", "ou → où"],
    ["Tu veux du thé où du café ?", "où → ou"],
    ["Il viendra lundi où mardi.", "où → ou"],
  ],
  right: [
    "Où vas-tu ce soir ?",
    "Tu veux du thé ou du café ?",
    "Tu sais, ou tu viens ou tu restes.",
    "C’est le moment ou jamais.",
    "Voici la chambre où tu dormiras.",
    "Je ne sais pas s’il vient ou s’il reste.",
  ],
});
