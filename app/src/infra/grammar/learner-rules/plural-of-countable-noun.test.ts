import { pluralOfCountableNoun } from "./plural-of-countable-noun.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(pluralOfCountableNoun, {
  wrong: [
    ["Il y a deux livre sur la table.", "livre → livres"],
    ["Il y a beaucoup de touriste en été.", "touriste → touristes"],
    ["J’ai beaucoup d’ami à Lyon.", "ami → amis"],
    ["Combien de cousin as-tu ?", "cousin → cousins"],
    ["Trop de chat dorment ici.", "chat → chats"],
    ["J’ai de nombreux problème.", "problème → problèmes"],
  ],
  right: [
    "Il y a deux livres sur la table.",
    "Il a beaucoup de travail.",
    "Elle a eu beaucoup de chance.",
    "Il boit trop de café.",
    "Nous avons peu de temps.",
    "Je mange beaucoup de chocolat.",
    "Il a fait beaucoup de bien.",
    "Je suis né le deux mai.",
    "Lisez le chapitre trois demain.",
    "Il y a beaucoup de voiture dans la rue.",
  ],
});
