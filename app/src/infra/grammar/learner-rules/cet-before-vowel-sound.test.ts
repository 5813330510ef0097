import { cetBeforeVowelSound } from "./cet-before-vowel-sound.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(cetBeforeVowelSound, {
  wrong: [
    ["Cet héros est courageux.", "Cet → Ce"],
    ["J’ai vu cet hibou dans la forêt.", "cet → ce"],
    ["Cet hasard est étrange.", "Cet → Ce"],
    ["Je mange cet yaourt.", "cet → ce"],
    ["Cet hache coupe bien.", "Cet → Cette"],
    ["Ce homme est grand.", "Ce → Cet"],
    ["Ce énorme chien aboie.", "Ce → Cet"],
  ],
  right: [
    "Ce héros est courageux.",
    "Cet homme est grand.",
    "Cet hiver a été froid.",
    "Cette héroïne est courageuse.",
    "Ce à quoi je pense est simple.",
    "Ce en quoi je crois est simple.",
    "Cet énorme chien aboie.",
    "Ce yaourt est bon.",
  ],
});
