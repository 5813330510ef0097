import { readFileSync } from "node:fs";
import { loadStackConfig } from "./stacks/config/load.js";
import { loadCatalog } from "./tools/cost/catalog.js";
import { estimateCost } from "./tools/cost/estimate.js";
const catalog = loadCatalog();
for (const p of [1,2,3,4]) {
  const doc = JSON.parse(readFileSync(`/tmp/cost/phase${p}.json`, "utf8"));
  const r = estimateCost(doc, loadStackConfig(`phase${p}`), catalog);
  console.log(r.stack, r.totalMonthlyUsd.toFixed(2), r.budget, r.freeCount, "unpriced", r.unpriced.length);
  console.log(Object.entries(r.byComponent).sort((a,b)=>b[1]-a[1]).map(([k,v])=>`${k}=${v.toFixed(0)}`).join(" "));
  for (const u of r.unpriced) console.log("  U", u.type, u.reason);
  if (process.argv[2] === String(p)) for (const l of [...r.lines].sort((a,b)=>b.monthlyUsd-a.monthlyUsd)) console.log("  ", l.monthlyUsd.toFixed(2), l.type, l.urn.split("::").pop(), "|", l.assumption);
}
