/**
 * The engine with the learner rules after it: the same text is checked by the engine and analysed by its
 * lexicon in one request (checkAndAnalyze), the rules (learner-rules/) read the analysis, and their findings are merged with the engine's
 * matches. A decorator, so the cache, /v2/check and /api/v1 get the rules without knowing about them.
 */
import type { CheckOptions, ConjugationTable, GrammarEngine, GrammarMatch, TextAnalyzer } from "./engine.js";
import { LEARNER_RULES, LEARNER_RULES_VERSION } from "./learner-rules/index.js";
import { learnerMatches, mergeMatches, rulesAtLevel } from "./learner-rules/matches.js";
import type { LearnerRule } from "./learner-rules/rule.js";

export function canAnalyze(engine: GrammarEngine): engine is GrammarEngine & TextAnalyzer {
  return typeof (engine as Partial<TextAnalyzer>).checkAndAnalyze === "function";
}

export class LearnerRulesEngine implements GrammarEngine {
  constructor(
    private readonly engine: GrammarEngine & TextAnalyzer,
    private readonly rules: readonly LearnerRule[] = LEARNER_RULES,
  ) {}

  get version(): string {
    return `${this.engine.version}+learner-${LEARNER_RULES_VERSION}`;
  }

  get parallelism(): number {
    return this.engine.parallelism;
  }

  async check(text: string, options: CheckOptions): Promise<GrammarMatch[]> {
    const rules = rulesAtLevel(this.rules, options.level);
    if (rules.length === 0 || text.trim() === "") return this.engine.check(text, options);
    const { matches, tokens } = await this.engine.checkAndAnalyze(text, options);
    return mergeMatches(matches, learnerMatches(tokens, rules));
  }

  conjugate(infinitive: string): Promise<ConjugationTable | null> {
    return this.engine.conjugate(infinitive);
  }

  queueDepth(): number {
    return this.engine.queueDepth();
  }

  isReady(): boolean {
    return this.engine.isReady();
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

/**
 * The engine alone, as a plain GrammarEngine that withLearnerRules leaves as it is: what GRAMMAR_LEARNER_RULES=false
 * serves (main.ts), its matches and its cache version those of the engine before the learner rules.
 */
export function withoutLearnerRules(engine: GrammarEngine): GrammarEngine {
  return {
    get version() {
      return engine.version;
    },
    get parallelism() {
      return engine.parallelism;
    },
    check: (text, options) => engine.check(text, options),
    conjugate: (infinitive) => engine.conjugate(infinitive),
    queueDepth: () => engine.queueDepth(),
    isReady: () => engine.isReady(),
    close: () => engine.close(),
  };
}

/** The engine with the learner rules when it can analyse texts (Grammalecte's pool can); otherwise the engine alone. */
export function withLearnerRules(engine: GrammarEngine): GrammarEngine {
  return canAnalyze(engine) ? new LearnerRulesEngine(engine) : engine;
}
