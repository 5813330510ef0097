import { maisMes } from "./mais-mes.js";
import { describeLearnerRule } from "./testing.js";

describeLearnerRule(maisMes, {
  wrong: [
    ["Je cherche mais clés partout.", "mais → mes"],
    ["Mais parents habitent à Nantes.", "Mais → Mes"],
    ["Elle a lu tous mais livres.", "mais → mes"],
    ["Il est gentil mes un peu timide.", "mes → mais"],
    ["Je voulais venir, mes j’étais malade.", "mes → mais"],
  ],
  right: [
    "Je cherche mes clés partout.",
    "Mes trois chats dorment.",
    "J’entends mes pas dans la neige.",
    "Mes chers amis, merci.",
    "Mais parfois il pleut.",
    "Il est gentil mais un peu timide.",
  ],
});
