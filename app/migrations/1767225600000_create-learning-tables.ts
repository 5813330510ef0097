import type { MigrationBuilder } from "node-pg-migrate";

const CEFR_LEVEL_CHECK = "cefr_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')";
const EXERCISE_TYPES = "('fill-in-the-blank', 'homophones', 'conjugation', 'dictation')";

export async function up(pgm: MigrationBuilder): Promise<void> {
  pgm.createTable("learners", {
    id: { type: "uuid", primaryKey: true, default: pgm.func("gen_random_uuid()") },
    display_name: { type: "text", notNull: true, check: "char_length(display_name) BETWEEN 1 AND 100" },
    cefr_level: { type: "text", notNull: true, check: CEFR_LEVEL_CHECK },
    correction_history_opt_in: { type: "boolean", notNull: true, default: false },
    created_at: { type: "timestamptz", notNull: true, default: pgm.func("now()") },
  });

  pgm.createTable("exercises", {
    id: { type: "text", primaryKey: true },
    cefr_level: { type: "text", notNull: true, check: CEFR_LEVEL_CHECK },
    type: { type: "text", notNull: true, check: `type IN ${EXERCISE_TYPES}` },
    prompt: { type: "text", notNull: true },
    // JSON array of options for multiple choice, NULL for free-text answers.
    choices: { type: "jsonb", check: "choices IS NULL OR jsonb_typeof(choices) = 'array'" },
    answer: { type: "text", notNull: true },
    explanation: { type: "text", notNull: true },
    rule_id: { type: "text", notNull: true },
    created_at: { type: "timestamptz", notNull: true, default: pgm.func("now()") },
  });
  pgm.createIndex("exercises", ["cefr_level", "type"]);

  // exercise_id is not a foreign key: generated conjugation exercises ("conj:aller:ipre:1sg") have no row,
  // so the attempt carries its own type and level.
  pgm.createTable("attempts", {
    id: { type: "uuid", primaryKey: true, default: pgm.func("gen_random_uuid()") },
    learner_id: { type: "uuid", notNull: true, references: "learners", onDelete: "CASCADE" },
    exercise_id: { type: "text", notNull: true, check: "char_length(exercise_id) BETWEEN 1 AND 200" },
    exercise_type: { type: "text", notNull: true, check: `exercise_type IN ${EXERCISE_TYPES}` },
    cefr_level: { type: "text", notNull: true, check: CEFR_LEVEL_CHECK },
    answer: { type: "text", notNull: true },
    correct: { type: "boolean", notNull: true },
    created_at: { type: "timestamptz", notNull: true, default: pgm.func("now()") },
  });
  pgm.createIndex("attempts", ["learner_id", { name: "created_at", sort: "DESC" }]);

  // Only filled for learners who opted in; rows go with the learner (and with the opt-out, see repositories).
  pgm.createTable("correction_history", {
    id: { type: "uuid", primaryKey: true, default: pgm.func("gen_random_uuid()") },
    learner_id: { type: "uuid", notNull: true, references: "learners", onDelete: "CASCADE" },
    text: { type: "text", notNull: true },
    match_count: { type: "integer", notNull: true, check: "match_count >= 0" },
    created_at: { type: "timestamptz", notNull: true, default: pgm.func("now()") },
  });
  pgm.createIndex("correction_history", ["learner_id", { name: "created_at", sort: "DESC" }]);
}

export async function down(pgm: MigrationBuilder): Promise<void> {
  pgm.dropTable("correction_history");
  pgm.dropTable("attempts");
  pgm.dropTable("exercises");
  pgm.dropTable("learners");
}
