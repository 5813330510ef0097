import { readFileSync } from "node:fs";
import { escapeValue, type MigrationBuilder } from "node-pg-migrate";

/**
 * The bank as it was when this migration was written, frozen beside it: a migration must insert the same
 * rows whenever it runs, whatever the app's live exercise bank has become since.
 */
const EXERCISE_BANK = JSON.parse(readFileSync(new URL("./data/1767225600001_exercise-bank.json", import.meta.url), "utf8")) as { id: string }[];

/** Upsert, so that running it on a shard that already holds the bank (or part of it) converges to the same rows. */
export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.sql(
    `INSERT INTO exercises (id, cefr_level, type, prompt, choices, answer, explanation, rule_id)
     SELECT id, "cefrLevel", type, prompt, choices, answer, explanation, "ruleId"
     FROM jsonb_to_recordset(${escapeValue(JSON.stringify(EXERCISE_BANK))}::jsonb) AS bank(
       id text, "cefrLevel" text, type text, prompt text, choices jsonb, answer text, explanation text, "ruleId" text)
     ON CONFLICT (id) DO UPDATE SET
       cefr_level = EXCLUDED.cefr_level, type = EXCLUDED.type, prompt = EXCLUDED.prompt, choices = EXCLUDED.choices,
       answer = EXCLUDED.answer, explanation = EXCLUDED.explanation, rule_id = EXCLUDED.rule_id`,
  );
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  const ids = EXERCISE_BANK.map((exercise) => exercise.id);
  pgm.sql(`DELETE FROM exercises WHERE id IN (SELECT jsonb_array_elements_text(${escapeValue(JSON.stringify(ids))}::jsonb))`);
}
