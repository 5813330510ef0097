import { subjunctiveAfterTrigger } from "./subjunctive-after-trigger.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(subjunctiveAfterTrigger, {
  wrong: [
    ["Il faut que mon frère vient demain.", "vient → vienne"],
    ["Pour que les enfants peuvent jouer, il faut du soleil.", "peuvent → puissent"],
    ["Bien que le temps est mauvais, nous sortons.", "est → soit"],
    ["Bien qu’il a froid, il sort sans manteau.", "a → ait"],
    ["Il est important que tu viens.", "viens → viennes"],
    ["Je suis content que tu es là.", "es → sois"],
    ["Je veux que Paul fait ses devoirs.", "fait → fasse"],
    ["Il faut que nous le finissons ce soir.", "finissons → finissions"],
  ],
  right: [
    "Il faut que mon frère vienne demain.",
    "Je pense que tu as raison.",
    "Je sais bien que tu es fatigué.",
    "Il pleuvait, si bien que nous sommes restés.",
    "Après que le film est fini, nous rentrons.",
    "Il est probable que mon frère viendra.",
    "Il faut que tu manges.",
    "Le livre que je veux est rouge.",
  ],
});
