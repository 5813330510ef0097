import type { CostReport } from "../cost/model.js";
import type { DocumentDiff } from "../diff/compare.js";
import { renderMarkdown } from "../diff/render.js";
import type { PolicyReport } from "../policy/report.js";
import { ARTIFACT_FILES, type Artifact, type PhaseArtifacts } from "./artifacts.js";

/** The comment's first line: the workflow finds its own comment by it and edits it instead of adding another. */
export const COMMENT_MARKER = "<!-- francaisfluide-preview -->";

/** GitHub rejects a comment body longer than this (it counts characters; a JS string's length is never fewer). */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface CommentInput {
  phases: PhaseArtifacts[];
  pullRequest?: { baseSha: string; headSha: string };
  /** The workflow run that produced the artifacts, for the logs of a failed step. */
  runUrl?: string;
  /** At most this many characters; GitHub's limit by default (tests make it smaller). */
  limit?: number;
}

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const signedDollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "exceptZero" });

export function money(usd: number): string {
  return dollars.format(usd);
}

/** `+$29.50 (+24.5 %)`; the percentage only when the base costs something. */
export function delta(before: number, after: number): string {
  const difference = after - before;
  const percent = before > 0 && Math.round(difference * 100) !== 0 ? ` (${difference > 0 ? "+" : ""}${((difference / before) * 100).toFixed(1)} %)` : "";
  return `${signedDollars.format(difference)}${percent}`;
}

/** Text the pull request's own code wrote, outside a code span: no HTML, no mention, no line break. */
export function plain(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200b").replace(/[\r\n]+/g, " ");
}

/** Inside a table cell, as code: no backtick to close the span, no pipe to end the cell. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ")}\``;
}

/**
 * The diff with its names made safe for the renderer, which prints resource types inside HTML and names inside code
 * spans: a Pulumi type or resource name never has these characters, so only a crafted artifact loses them.
 */
export function neutralized(diff: DocumentDiff): DocumentDiff {
  const safe = (text: string) => text.replace(/[<>`\r\n]/g, "_");
  const names = <T extends { type: string; name: string }>(r: T): T => ({ ...r, type: safe(r.type), name: safe(r.name) });
  return {
    ...diff,
    added: diff.added.map(names),
    removed: diff.removed.map(names),
    changed: diff.changed.map(names),
    renamed: diff.renamed.map((r) => ({ ...r, type: safe(r.type), from: safe(r.from), to: safe(r.to) })),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function changesSummary(diff: DocumentDiff): string {
  const { add, change, replace, delete: remove, rename } = diff.summary;
  if (add + change + remove + rename === 0) return "no changes";
  const extra = [replace > 0 && plural(replace, "replacement"), rename > 0 && plural(rename, "rename")].filter(Boolean);
  return `+${add} ~${change} -${remove}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`;
}

/** A problem's first words ("missing", "not JSON"): the summary line's; the details give the whole of it. */
function brief(problem: string): string {
  return problem.split(" (")[0] ?? problem;
}

/** The base's cost: its own estimate, or else the diff's pricing of the base (by the head's estimator and catalog). */
export interface BaseCost {
  totalMonthlyUsd: number;
  byComponent: Record<string, number>;
  repriced: boolean;
}

export function baseCost(phase: PhaseArtifacts): Artifact<BaseCost> {
  if (phase.costBase.ok) return { ok: true, value: { totalMonthlyUsd: phase.costBase.value.totalMonthlyUsd, byComponent: phase.costBase.value.byComponent, repriced: false } };
  const cost = phase.diff.ok ? phase.diff.value.cost : undefined;
  if (cost === undefined || !phase.costHead.ok) return phase.costBase;
  const byComponent = { ...phase.costHead.value.byComponent };
  for (const component of cost.components) byComponent[component.component] = component.beforeUsd;
  return { ok: true, value: { totalMonthlyUsd: cost.before.totalMonthlyUsd, byComponent, repriced: true } };
}

export function costSummary(base: Artifact<BaseCost>, head: Artifact<CostReport>): string {
  if (!head.ok) return `no cost estimate (${ARTIFACT_FILES.costHead} ${brief(head.problem)})`;
  const after = head.value.totalMonthlyUsd;
  const budget = head.value.budget.verdict === "over" ? `, ⚠️ over the ${money(head.value.budget.minUsd)}–${money(head.value.budget.maxUsd)} budget` : "";
  if (!base.ok) return `cost ${money(after)}/month (no base estimate: ${ARTIFACT_FILES.costBase} ${brief(base.problem)})${budget}`;
  const before = base.value.totalMonthlyUsd;
  return `cost ${money(before)} → ${money(after)}/month (${delta(before, after)}${base.value.repriced ? "; the base priced by the head's estimator" : ""})${budget}`;
}

export function policySummary(policy: Artifact<PolicyReport>): string {
  if (!policy.ok) return `no policy verdict (${ARTIFACT_FILES.policy} ${brief(policy.problem)})`;
  const { mandatory, advisory } = policy.value.summary;
  return policy.value.passed ? `policy passed${advisory > 0 ? ` (${plural(advisory, "advisory")})` : ""}` : `policy **failed**: ${mandatory} mandatory, ${advisory} advisory`;
}

/** ❌ a failed policy or a missing result, ⚠️ a replacement, a deletion or a cost over budget, ✅ otherwise. */
export function verdictIcon(phase: PhaseArtifacts): string {
  if (!phase.diff.ok || !phase.costHead.ok || !phase.policy.ok || !phase.policy.value.passed) return "❌";
  const { replace, delete: remove } = phase.diff.value.summary;
  if (replace > 0 || remove > 0 || phase.costHead.value.budget.verdict === "over") return "⚠️";
  return "✅";
}

export function summaryLine(phase: PhaseArtifacts): string {
  const changes = phase.diff.ok ? changesSummary(phase.diff.value) : `no diff (${ARTIFACT_FILES.diff} ${brief(phase.diff.problem)})`;
  return `- ${verdictIcon(phase)} **${plain(phase.stack)}**: ${changes} · ${costSummary(baseCost(phase), phase.costHead)} · ${policySummary(phase.policy)}`;
}

/** A piece of a phase's details that may be cut after; a table row follows the previous piece on the next line. */
interface Block {
  text: string;
  row?: true;
}

function policyBlocks(policy: Artifact<PolicyReport>): Block[] {
  if (!policy.ok || policy.value.violations.length === 0) return [];
  return [
    { text: "#### Policy violations\n\n| level | rule | resource | message |\n| --- | --- | --- | --- |" },
    ...policy.value.violations.map((v): Block => ({ row: true, text: `| ${v.enforcementLevel === "advisory" ? "advisory" : `**${plain(v.enforcementLevel)}**`} | ${code(v.policy)} | ${v.urn ? code(v.urn.split("::").pop() ?? v.urn) : "(stack)"} | ${plain(v.message)} |` })),
  ];
}

function costBlocks(base: Artifact<BaseCost>, head: Artifact<CostReport>): Block[] {
  if (!head.ok) return [];
  const before = base.ok ? base.value.byComponent : {};
  const components = [...new Set([...Object.keys(before), ...Object.keys(head.value.byComponent)])].sort();
  const rows = components
    .map((component) => ({ component, was: before[component] ?? 0, now: head.value.byComponent[component] ?? 0 }))
    .filter((row) => !base.ok || Math.round((row.now - row.was) * 100) !== 0)
    .map((row) => (base.ok ? `| ${code(row.component)} | ${money(row.was)} | ${money(row.now)} | ${delta(row.was, row.now)} |` : `| ${code(row.component)} | ${money(row.now)} |`));
  const unpriced = head.value.unpriced.length > 0 ? `\n\n${plural(head.value.unpriced.length, "resource")} without a price in the catalog (not counted).` : "";
  const caption = `#### Monthly cost by component (catalog of ${plain(head.value.catalogDate)}; budget ${money(head.value.budget.minUsd)}–${money(head.value.budget.maxUsd)}: ${head.value.budget.verdict})`;
  if (rows.length === 0) return [{ text: `${caption}\n\nNo component's cost changes.${unpriced}` }];
  return [{ text: `${caption}\n\n${base.ok ? "| component | base | head | delta |\n| --- | --- | --- | --- |" : "| component | head |\n| --- | --- |"}\n${rows.join("\n")}${unpriced}` }];
}

/** The diff's own Markdown, split where a cut keeps it valid: the summary, then one block per resource type. */
function diffBlocks(diff: DocumentDiff): Block[] {
  const [summary = "", ...types] = renderMarkdown(neutralized(diff)).split("\n\n<details>");
  return [{ text: `#### Changes\n\n${summary}` }, ...types.map((block) => ({ text: `<details>${block}` }))];
}

function problemBlocks(phase: PhaseArtifacts, runUrl: string | undefined): Block[] {
  const problems = (Object.keys(ARTIFACT_FILES) as (keyof typeof ARTIFACT_FILES)[]).flatMap((name) => {
    const artifact = phase[name];
    return artifact.ok ? [] : [`- ${ARTIFACT_FILES[name]}: ${plain(artifact.problem)}`];
  });
  if (problems.length === 0) return [];
  return [{ text: `#### Missing or invalid results\n\n${problems.join("\n")}${runUrl ? `\n\nSee the [workflow run](${runUrl}) for the failed step's log.` : ""}` }];
}

interface PhaseSection {
  open: string;
  blocks: Block[];
  close: string;
}

function phaseSection(phase: PhaseArtifacts, runUrl: string | undefined): PhaseSection {
  const summary = phase.diff.ok ? changesSummary(phase.diff.value) : "no diff";
  return {
    open: `<details><summary>${verdictIcon(phase)} <b>${plain(phase.stack)}</b>: ${summary}</summary>\n\n`,
    blocks: [...problemBlocks(phase, runUrl), ...policyBlocks(phase.policy), ...costBlocks(baseCost(phase), phase.costHead), ...(phase.diff.ok ? diffBlocks(phase.diff.value) : [])],
    close: "\n\n</details>",
  };
}

const JOIN = "\n\n";

function joined(blocks: readonly Block[]): string {
  return blocks.map((block, index) => (index === 0 ? block.text : `${block.row ? "\n" : JOIN}${block.text}`)).join("");
}

function sectionLength(section: PhaseSection): number {
  return section.open.length + joined(section.blocks).length + section.close.length;
}

function truncationNote(stack: string, cut: number): Block {
  return {
    text: `✂️ ${plural(cut, "more block")} of ${plain(stack)}'s details cut to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit: download the run's \`preview-${plain(stack)}\` artifact, or run \`npm run diff -- --base <base> --stack ${plain(stack)} --markdown\` locally.`,
  };
}

/** The section within `budget` characters: whole blocks in order, then a note saying how many were cut. */
function renderSection(section: PhaseSection, stack: string, budget: number): string {
  if (sectionLength(section) <= budget) return `${section.open}${joined(section.blocks)}${section.close}`;
  const kept: Block[] = [];
  let used = section.open.length + section.close.length + truncationNote(stack, section.blocks.length).text.length + JOIN.length;
  for (const block of section.blocks) {
    if (used + block.text.length + JOIN.length > budget) break;
    kept.push(block);
    used += block.text.length + JOIN.length;
  }
  return `${section.open}${joined([...kept, truncationNote(stack, section.blocks.length - kept.length)])}${section.close}`;
}

/**
 * Each phase's share of what is left: the smaller sections whole, the rest split evenly among the larger ones
 * (so one huge phase does not crowd out the others' details).
 */
export function shares(lengths: readonly number[], budget: number): number[] {
  const order = lengths.map((length, index) => ({ length, index })).sort((a, b) => a.length - b.length);
  const result = new Array<number>(lengths.length).fill(0);
  let left = budget;
  for (const [position, { length, index }] of order.entries()) {
    const share = Math.min(length, Math.floor(left / (order.length - position)));
    result[index] = share;
    left -= share;
  }
  return result;
}

/** The sticky pull-request comment: marker, one summary line per phase, then each phase's details, within the limit. */
export function buildComment(input: CommentInput): string {
  const limit = input.limit ?? GITHUB_COMMENT_LIMIT;
  const commits = input.pullRequest ? ` of \`${input.pullRequest.headSha.slice(0, 7)}\` against the base \`${input.pullRequest.baseSha.slice(0, 7)}\`` : "";
  const head = [COMMENT_MARKER, `### Offline preview${commits}`, "", ...(input.phases.length > 0 ? input.phases.map(summaryLine) : ["No phase reported anything."])].join("\n");
  const foot =
    "<sub>Previewed offline: the Pulumi program under the SDK's mock runtime (no cloud), costs from the project's price catalog, the policy pack's rules on the head." +
    `${input.runUrl ? ` [Workflow run](${input.runUrl}).` : ""} Updated in place on every push.</sub>`;
  const sections = input.phases.map((phase) => phaseSection(phase, input.runUrl));
  const budget = limit - head.length - foot.length - JOIN.length * (sections.length + 1);
  const allowed = shares(sections.map(sectionLength), Math.max(0, budget));
  const details = sections.map((section, index) => renderSection(section, input.phases[index]?.stack ?? "", allowed[index] ?? 0));
  const body = [head, ...details, foot].join(JOIN);
  // Only a head longer than the limit (hundreds of phases) gets here: cut it, still under GitHub's limit.
  return body.length <= limit ? body : `${body.slice(0, limit - 2)}\n…`;
}
