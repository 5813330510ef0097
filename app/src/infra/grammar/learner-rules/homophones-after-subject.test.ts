import { etForEst, onForOnt, sonForSont } from "./homophones-after-subject.js";
import { describeLearnerRules } from "./testing.js";

describeLearnerRules([
  {
    rule: sonForSont,
    wrong: [["Mes parents son partis en vacances.", "son → sont"], ["Ils son très gentils.", "son → sont"], ["Mes amis son contents de te voir.", "son → sont"]],
    right: ["Mes parents sont partis.", "Les élèves écoutent son discours.", "Les voisins, son père surtout, sont gentils.", "Mes amis aiment son gâteau."],
  },
  {
    rule: onForOnt,
    wrong: [["Les enfants on faim.", "on → ont"], ["Mes parents on une grande maison.", "on → ont"], ["Les voisins on déménagé.", "on → ont"]],
    right: ["Les enfants ont faim.", "Quand les enfants dorment, on a la paix.", "Les livres qu’on a lus étaient bons.", "Les enfants, on les aime."],
  },
  {
    rule: etForEst,
    wrong: [["Ma voisine et malade depuis lundi.", "et → est"], ["Elle et gentille avec tout le monde.", "et → est"], ["Mon frère et très grand.", "et → est"]],
    right: [
      "Paul et Marie sont mariés.",
      "Le thé et bien sûr le café sont servis.",
      "Une robe longue et élégante.",
      "Le chien noir et blanc dort.",
      "Ma voisine est malade et fatiguée.",
    ],
  },
]);
