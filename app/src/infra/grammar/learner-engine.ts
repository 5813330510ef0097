/**
 * The engine with the learner rules after it: the same text is checked by the engine and analysed by its
 * lexicon in one request (checkAndAnalyze), the rules (learner-rules/) read the analysis, and their findings
 * are merged with the engine's matches. A decorator, so the cache, /v2/check and /api/v1 get the rules without knowing about them.
 */
import { EngineDecorator, type CheckOptions, type GrammarEngine, type GrammarMatch, type TextAnalyzer } from "./engine.js";
import { LEARNER_RULES, LEARNER_RULES_VERSION } from "./learner-rules/index.js";
import { learnerMatches, mergeMatches, rulesAtLevel } from "./learner-rules/matches.js";
import type { LearnerRule } from "./learner-rules/rule.js";

export function canAnalyze(engine: GrammarEngine): engine is GrammarEngine & TextAnalyzer {
  return typeof (engine as Partial<TextAnalyzer>).checkAndAnalyze === "function";
}

export class LearnerRulesEngine extends EngineDecorator {
  /** Read on every request (cache keys): made once, the engine's own version being fixed once it has started. */
  private readonly versionWithRules: string;

  private readonly analyzer: GrammarEngine & TextAnalyzer;
  private readonly rules: readonly LearnerRule[];

  constructor(
    analyzer: GrammarEngine & TextAnalyzer,
    rules: readonly LearnerRule[] = LEARNER_RULES,
  ) {
    super(analyzer);
    this.analyzer = analyzer;
    this.rules = rules;
    this.versionWithRules = `${analyzer.version}+learner-${LEARNER_RULES_VERSION}`;
  }

  override get version(): string {
    return this.versionWithRules;
  }

  override async check(text: string, options: CheckOptions): Promise<GrammarMatch[]> {
    const rules = rulesAtLevel(this.rules, options.level);
    if (rules.length === 0 || text.trim() === "") return this.analyzer.check(text, options);
    const { matches, tokens } = await this.analyzer.checkAndAnalyze(text, options);
    return mergeMatches(matches, learnerMatches(tokens, rules));
  }
}

/** The engine with the learner rules when it can analyse texts (Grammalecte's pool can); otherwise the engine alone. */
export function withLearnerRules(engine: GrammarEngine): GrammarEngine {
  return canAnalyze(engine) ? new LearnerRulesEngine(engine) : engine;
}
