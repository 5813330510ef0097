/**
 * The grammar concern: decorates `app.grammar`, the engine followed by the learner rules (unless turned off),
 * each call timed into the metrics.
 */
import fp from "fastify-plugin";
import type { CheckOptions, ConjugationTable, GrammarEngine, GrammarMatch } from "./engine.js";
import { EngineTimeoutError, EngineUnavailableError } from "./errors.js";
import { withLearnerRules } from "./learner-engine.js";
import type { AppMetrics, EngineOperation, EngineOutcome } from "../metrics/metrics.js";

export interface GrammarService {
  /** Engine name and version, part of every cache key. */
  readonly version: string;
  /** How many checks the engine runs at once. */
  readonly parallelism: number;
  check(text: string, options: CheckOptions): Promise<GrammarMatch[]>;
  conjugate(infinitive: string): Promise<ConjugationTable | null>;
  isReady(): boolean;
  queueDepth(): number;
}

declare module "fastify" {
  interface FastifyInstance {
    grammar: GrammarService;
  }
}

function outcomeOf(error: unknown): EngineOutcome {
  if (error instanceof EngineTimeoutError) return "timeout";
  if (error instanceof EngineUnavailableError) return "unavailable";
  return "error";
}

export function timedGrammarService(engine: GrammarEngine, metrics: AppMetrics): GrammarService {
  async function timed<T>(operation: EngineOperation, call: () => Promise<T>): Promise<T> {
    const stop = metrics.engineDuration.startTimer({ operation });
    try {
      const result = await call();
      stop({ outcome: "ok" });
      return result;
    } catch (error) {
      stop({ outcome: outcomeOf(error) });
      throw error;
    }
  }
  metrics.watchEngineQueue(() => engine.queueDepth());
  return {
    get version() {
      return engine.version;
    },
    get parallelism() {
      return engine.parallelism;
    },
    check: (text, options) => timed("check", () => engine.check(text, options)),
    conjugate: (infinitive) => timed("conjugate", () => engine.conjugate(infinitive)),
    isReady: () => engine.isReady(),
    queueDepth: () => engine.queueDepth(),
  };
}

export interface GrammarPluginOptions {
  engine: GrammarEngine;
  metrics: AppMetrics;
  /** The learner rules after the engine (GRAMMAR_LEARNER_RULES); on when absent. */
  learnerRules?: boolean;
}

/** The engine's lifetime belongs to whoever started it (main, or a test suite sharing one engine). */
export const grammarPlugin = fp<GrammarPluginOptions>(
  async (app, { engine, metrics, learnerRules = true }) => {
    app.decorate("grammar", timedGrammarService(learnerRules ? withLearnerRules(engine) : engine, metrics));
  },
  { name: "grammar", fastify: "5.x" },
);
