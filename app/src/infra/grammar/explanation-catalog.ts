import { z } from "zod";
import { duplicates, loadContent } from "../content/load-content.js";
import { CATEGORIES, type CategoryId } from "./rule-mapping.js";

const text = z.string().trim().min(1, "expected some text");

const entryFields = {
  title: text,
  explanation: text,
  example: z.strictObject({ incorrect: text, correct: text }),
  tip: text.optional(),
  exerciseRuleIds: z.array(z.string().regex(/^[a-zà-ÿ0-9-]+$/u, "expected a lower-case exercise rule id such as homophones-a-à")).min(1).optional(),
};

const grammalecteRulePattern = z.string().transform((source, ctx): RegExp => {
  try {
    return new RegExp(source, "u");
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message}` });
    return z.NEVER;
  }
});

const topicSchema = z.strictObject({
  id: z.string().regex(/^[A-ZÀ-Ý_]+$/u, "expected an upper-case topic id such as A_OR_À"),
  grammalecteRulePattern: grammalecteRulePattern.optional(),
  homophones: z.array(text).min(2, "expected at least two spellings of one sound").optional(),
  ...entryFields,
});

const categoryIds = Object.keys(CATEGORIES) as [CategoryId, ...CategoryId[]];

export const catalogSchema = z.strictObject({
  topics: z.array(topicSchema),
  categories: z.array(z.strictObject({ id: z.enum(categoryIds), ...entryFields })),
});

export type ExplanationCatalog = z.output<typeof catalogSchema>;
export type CatalogTopic = ExplanationCatalog["topics"][number];
export type CatalogEntry = CatalogTopic | ExplanationCatalog["categories"][number];

/** What no single entry can check: unique ids, one entry per category, each exercise rule and homophone in one place. */
export function catalogProblems(catalog: ExplanationCatalog): string[] {
  const entries: CatalogEntry[] = [...catalog.topics, ...catalog.categories];
  const problems = duplicates(entries.map((entry) => entry.id)).map((id) => `id ${id} names two entries: ids must be unique`);
  const categoriesGiven = new Set(catalog.categories.map((category) => category.id));
  for (const id of categoryIds.filter((category) => !categoriesGiven.has(category))) {
    problems.push(`categories: no entry for ${id}: every category of the rule mapping needs one, as the fallback explanation`);
  }
  const linkedFrom = (ruleId: string) => entries.filter((entry) => entry.exerciseRuleIds?.includes(ruleId)).map((entry) => entry.id);
  for (const ruleId of duplicates(entries.flatMap((entry) => entry.exerciseRuleIds ?? []))) {
    problems.push(`exercise rule ${ruleId} is linked from ${linkedFrom(ruleId).join(" and ")}: keep it in one entry`);
  }
  const homophoneTopics = (word: string) => catalog.topics.filter((topic) => topic.homophones?.includes(word)).map((topic) => topic.id);
  for (const word of duplicates(catalog.topics.flatMap((topic) => topic.homophones ?? []))) {
    problems.push(`homophone "${word}" is listed by ${homophoneTopics(word).join(" and ")}: keep it in one topic`);
  }
  return problems;
}

export function loadExplanationCatalog(name = "explanations.yaml"): ExplanationCatalog {
  return loadContent(name, catalogSchema, catalogProblems);
}
