import { adjectiveAfterPluralNoun } from "./adjective-agreement.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(adjectiveAfterPluralNoun, {
  wrong: [
    ["Ce sont des idées intéressant.", "intéressant → intéressantes"],
    ["Nous avons vu des films amusant.", "amusant → amusants"],
    ["J’ai des chaussures noir.", "noir → noires"],
  ],
  right: [
    "Ce sont des idées intéressantes.",
    "Ce sont des idées intéressant les jeunes.",
    "Elle porte des chaussures marron.",
    "Il a vu des enfants heureux.",
    "J’ai acheté des robes orange.",
    "Il y a des livres partout.",
  ],
});
