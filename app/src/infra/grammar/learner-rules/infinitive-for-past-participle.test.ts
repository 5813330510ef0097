import { infinitiveForPastParticiple } from "./infinitive-for-past-participle.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(infinitiveForPastParticiple, {
  wrong: [
    ["Ils ont finir leur travail.", "finir → fini"],
    ["Elle a prendre le bus.", "prendre → pris"],
    ["Tu as voir le film ?", "voir → vu"],
    ["Nous n’avons pas choisir.", "choisir → choisi"],
    ["Elle est sortir avec ses amies.", "sortir → sortie"],
    ["Ils sont partir hier.", "partir → partis"],
    ["Mon frère a lire ce roman.", "lire → lu"],
  ],
  right: [
    "Ils ont fini leur travail.",
    "Elle a pris le bus.",
    "J’ai à faire ce soir.",
    "Partir, c’est mourir un peu.",
    "L’important est participer.",
    "Il commence à finir.",
    "Elle est sortie avec ses amies.",
    "Ils ont beau dire, ils ont tort.",
  ],
});
