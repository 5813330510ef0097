/** Our own match model: what every route and cache layer speaks, whatever engine produced it. */
import type { AnalyzedToken } from "./learner-rules/analysis.js";

export type CheckLevel = "default" | "picky";

export type IssueType = "grammar" | "misspelling" | "typographical" | "style" | "uncategorized";

export interface MatchCategory {
  /** Stable id, e.g. "CONJUGATION", "AGREEMENT", "HOMOPHONES", "TYPOGRAPHY". */
  id: string;
  /** French label shown to learners. */
  name: string;
}

export interface GrammarMatch {
  /** UTF-16 code units from the start of the whole input (what JavaScript and LanguageTool clients count). */
  offset: number;
  /** UTF-16 code units. */
  length: number;
  message: string;
  shortMessage: string;
  replacements: string[];
  ruleId: string;
  ruleDescription: string;
  category: MatchCategory;
  issueType: IssueType;
}

export interface CheckOptions {
  level: CheckLevel;
}

export interface ConjugationTable {
  infinitive: string;
  /** tense id (e.g. "ipre" présent, "ifut" futur) → person (1sg…3pl) → form */
  tenses: Record<string, Record<string, string>>;
  /** French tense names keyed like `tenses`, e.g. ipre → "Présent de l’indicatif". */
  tenseLabels?: Record<string, string>;
  /** "1", "2" or "3" (school groups; "être" and "avoir" are "auxiliaire"). */
  group?: string;
  /** Auxiliary of the compound tenses. */
  auxiliary?: "avoir" | "être";
  presentParticiple?: string;
  /** Past participle by gender and number; a missing key means the form does not exist. */
  pastParticiple?: { ms?: string; fs?: string; mp?: string; fp?: string };
}

export interface GrammarEngine {
  /** Engine name and version, part of every cache key so an upgrade never serves stale results. */
  readonly version: string;
  /** How many checks it runs at once (its workers): a long text's paragraphs are checked this many at a time. */
  readonly parallelism: number;
  check(text: string, options: CheckOptions): Promise<GrammarMatch[]>;
  conjugate(infinitive: string): Promise<ConjugationTable | null>;
  /** Requests waiting for a worker, for /metrics. */
  queueDepth(): number;
  /** True when at least one worker is alive, for readiness. */
  isReady(): boolean;
  close(): Promise<void>;
}

/** An engine that forwards every call to another; a decorator overrides only what it changes. */
export class EngineDecorator implements GrammarEngine {
  protected readonly engine: GrammarEngine;

  constructor(engine: GrammarEngine) {
    this.engine = engine;
  }

  get version(): string {
    return this.engine.version;
  }

  get parallelism(): number {
    return this.engine.parallelism;
  }

  check(text: string, options: CheckOptions): Promise<GrammarMatch[]> {
    return this.engine.check(text, options);
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

/** A text's matches and its analysis, from one request to the engine. */
export interface CheckedText {
  matches: GrammarMatch[];
  tokens: AnalyzedToken[];
}

/** An engine that can also tag a text with its lexicon's morphology (what the learner rules read). */
export interface TextAnalyzer {
  analyze(text: string): Promise<AnalyzedToken[]>;
  /** check() and analyze() of the same text in one request: one round trip to a worker instead of two. */
  checkAndAnalyze(text: string, options: CheckOptions): Promise<CheckedText>;
}
