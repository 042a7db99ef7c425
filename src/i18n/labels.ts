/**
 * UI labels of every enumeration the site shows. Each map is typed by the schema's enum, so a new
 * value without a label, or a label key missing from en.json, is a type error; i18n.test.ts checks
 * the same at run time for every language.
 */
import type { ComparisonMethod, Dialect, Environment, ExampleStatus, ServingMode, Severity, Verdict } from '../../schemas/types.gen.ts';
import type { StudyAnalysis } from '../lib/study-analysis.ts';
import type { UiKey } from './index.ts';

export const DIALECT_LABEL: Record<Dialect, UiKey> = {
  canonical: 'dialect.canonical',
  'variant-comparison': 'dialect.variant-comparison',
  'lm-eval': 'dialect.lm-eval',
  'lm-eval-samples': 'dialect.lm-eval-samples',
  'task-results': 'dialect.task-results',
  'vllm-bench': 'dialect.vllm-bench',
  'markdown-record': 'dialect.markdown-record',
  'lm-eval-table': 'dialect.lm-eval-table',
  csv: 'dialect.csv',
  'compare-printout': 'dialect.compare-printout',
  'per-model-jsonl': 'dialect.per-model-jsonl',
};

export const SERVING_MODE_LABEL: Record<ServingMode, UiKey> = {
  offline: 'mode.offline',
  online: 'mode.online',
  latency: 'mode.latency',
  throughput: 'mode.throughput',
};

export const SEVERITY_LABEL: Record<Severity, UiKey> = {
  error: 'severity.error',
  warning: 'severity.warning',
  info: 'severity.info',
};

export const VERDICT_LABEL: Record<Verdict, UiKey> = {
  better: 'verdict.better',
  worse: 'verdict.worse',
  'within-noise': 'verdict.within-noise',
  unknown: 'verdict.unknown',
};

/** Method labels take {n}, the paired count. */
export const METHOD_LABEL: Record<ComparisonMethod, UiKey> = {
  mcnemar: 'method.mcnemar',
  'paired-bootstrap': 'method.paired-bootstrap',
  stderr: 'method.stderr',
  binomial: 'method.binomial',
  none: 'method.none',
};

export const EXAMPLE_STATUS_LABEL: Record<ExampleStatus, UiKey> = {
  correct: 'ex.filter.correct',
  incorrect: 'ex.filter.incorrect',
  unscorable: 'ex.filter.unscorable',
  unlabelled: 'ex.filter.unlabelled',
};

export const SPEED_LABEL: Record<NonNullable<StudyAnalysis['speedMetric']>, UiKey> = {
  questionsPerSecond: 'speed.questionsPerSecond',
  outputTokensPerSecond: 'speed.outputTokensPerSecond',
};

/** Provenance rows of the run page, in the order shown (GPUs and packages have tables of their own). */
export const ENVIRONMENT_ROWS = [
  ['hostname', 'env.hostname'],
  ['os', 'env.os'],
  ['python', 'env.python'],
  ['driver', 'env.driver'],
  ['cuda', 'env.cuda'],
  ['cudnn', 'env.cudnn'],
  ['gitCommit', 'env.gitCommit'],
  ['seed', 'env.seed'],
  ['configHash', 'env.configHash'],
  ['slurmJobId', 'env.slurmJobId'],
  ['startedAt', 'env.startedAt'],
  ['command', 'env.command'],
] as const satisfies readonly (readonly [keyof Environment, UiKey])[];

/** Strings the examples browser needs in the browser, by the short name its script uses. */
export const EXAMPLE_BROWSER_STRINGS = {
  loading: 'ex.loading',
  loaded: 'ex.loaded',
  matched: 'ex.matched',
  search: 'ex.search',
  filter: 'ex.filter',
  pages: 'ex.pages',
  page: 'ex.page',
  prev: 'ex.prev',
  next: 'ex.next',
  error: 'ex.error',
  prompt: 'ex.prompt',
  response: 'ex.response',
  extracted: 'ex.extracted',
  reference: 'ex.reference',
  reason: 'ex.reason',
  metrics: 'ex.metrics',
  close: 'ex.close',
  example: 'ex.example',
  baseline: 'ex.baseline',
  variant: 'ex.variant',
  'filter.all': 'ex.filter.all',
  'filter.correct': 'ex.filter.correct',
  'filter.incorrect': 'ex.filter.incorrect',
  'filter.unscorable': 'ex.filter.unscorable',
  'filter.unlabelled': 'ex.filter.unlabelled',
  'filter.lost': 'ex.filter.lost',
  'filter.gained': 'ex.filter.gained',
} as const satisfies Record<string, UiKey>;
