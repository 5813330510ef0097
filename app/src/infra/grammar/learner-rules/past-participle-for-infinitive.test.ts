import { pastParticipleForInfinitive } from "./past-participle-for-infinitive.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(pastParticipleForInfinitive, {
  wrong: [
    ["Il doit fini son travail.", "fini → finir"],
    ["Je ne peux pas sorti ce soir.", "sorti → sortir"],
    ["Pour réussi, il faut travailler.", "réussi → réussir"],
    ["Il est parti sans répondu.", "répondu → répondre"],
    ["J’ai oublié de pris mes clés.", "pris → prendre"],
    ["Elle va lu ce livre.", "lu → lire"],
    ["Nous voulons choisi nous-mêmes.", "choisi → choisir"],
    ["Je suis venu pour vu mon ami.", "vu → voir"],
  ],
  right: [
    "Il doit finir son travail.",
    "Je ne peux pas sortir ce soir.",
    "Il n’y a rien de prévu ce soir.",
    "Il a fait quelque chose de fini.",
    "Je le tiens pour acquis.",
    "On l’a laissé pour mort.",
    "Je le veux fini pour demain.",
    "De fait, il avait raison.",
    "Il a parlé à découvert.",
    "Il a pris un parti.",
    "Ce livre est à lui.",
    "Vu la situation, nous restons.",
    "C’est un homme de parti pris.",
  ],
});
