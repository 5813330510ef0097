import { ceForSe } from "./ce-se.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(ceForSe, {
  wrong: [
    ["Il ce lave les dents.", "ce → se"],
    ["Les enfants ce couchent tôt.", "ce → se"],
    ["Elle ce souvient de tout.", "ce → se"],
  ],
  right: [
    "Il se lave les dents.",
    "Ce matin, il fait froid.",
    "Je pense que ce film est drôle.",
    "Ce que tu dis est vrai.",
    "Mon frère ce matin est parti tôt.",
  ],
});
