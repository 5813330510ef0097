import { missingElision } from "./missing-elision.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(missingElision, {
  wrong: [
    ["Il me a dit bonjour.", "me  → m’"],
    ["Je le aime beaucoup.", "le  → l’"],
    ["Je ne y vais pas.", "ne  → n’"],
    ["Je en veux encore.", "Je  → J’"],
    ["Lorsque il pleut, je reste.", "Lorsque  → Lorsqu’"],
    ["Il travaille jusque à minuit.", "jusque  → jusqu’"],
    ["Puisque on est là, restons.", "Puisque  → Puisqu’"],
    ["Tu la as vue ?", "la  → l’"],
    ["Il parle souvent de elle.", "de  → d’"],
  ],
  right: [
    "Il m’a dit bonjour.",
    "Je le hais.",
    "Si elle vient, je pars.",
    "Le héros arrive.",
    "Je le donne à Paul.",
    "Lorsque Paul arrive, on mange.",
    "Je l’emmène demain.",
    "Il se hâte.",
    "Je ne hais personne.",
    "Donne-le à ton frère.",
  ],
});
