import { laForThere } from "./la-there.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(laForThere, {
  wrong: [
    ["Je suis la depuis midi.", "la → là"],
    ["Il est la, devant la porte.", "la → là"],
  ],
  right: [
    "Je suis là depuis midi.",
    "Je la vois tous les matins.",
    "Il chante un la, puis un do.",
    "Elle est la plus grande.",
    "La maison est là-bas.",
  ],
});
