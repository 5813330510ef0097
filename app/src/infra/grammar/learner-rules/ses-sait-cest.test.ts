import { saitForSest, sesForCest } from "./ses-sait-cest.js";
import { describeLearnerRules } from "./testing.js";

describeLearnerRules([
  {
    rule: sesForCest,
    wrong: [["Je trouve que ses difficile.", "ses → c’est"], ["Ces vraiment trop cher.", "Ces → C’est"]],
    right: ["Je trouve que c’est difficile.", "Ses vieux amis sont venus.", "Ces très beaux jours sont passés.", "Ces trop grandes maisons coûtent cher.", "Ce furent ses plus belles années."],
  },
  {
    rule: saitForSest,
    wrong: [["Il sait lavé les mains.", "sait → s’est"]],
    right: ["Il s’est lavé les mains.", "Il sait nager depuis longtemps.", "Elle sait que tu es venu."],
  },
]);
