import { adjectiveAgreement } from "./adjective-agrees-with-noun.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(adjectiveAgreement, {
  wrong: [
    ["Ce sont des idées intéressant.", "intéressant → intéressantes"],
    ["C’est une question important.", "important → importante"],
    ["J’ai vu des films passionnant.", "passionnant → passionnants"],
    ["C’est une histoire vraiment amusant.", "amusant → amusante"],
    ["Ce sont des gens content.", "content → contents"],
    ["C’est une réponse excellent, bravo.", "excellent → excellente"],
  ],
  right: [
    "Ce sont des idées intéressantes.",
    "Ce sont des idées intéressant les élèves.",
    "Des enfants obéissant à leurs parents.",
    "J’ai un garçon et une fille intelligents.",
    "Je voudrais une tasse de thé chaud.",
    "Elle porte des chaussures marron.",
    "C’est une question importante.",
    "Il a des cheveux châtain clair.",
  ],
});
