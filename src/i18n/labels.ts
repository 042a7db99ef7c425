/**
 * UI labels of every enumeration the site shows. A new enum value without its key in en.json is a
 * type error; i18n.test.ts checks every value in every language at run time.
 */
import type { ComparisonMethod, Dialect, Environment, ExampleStatus, RunOutcome, ServingMode, Severity, Verdict } from '../../schemas/types.gen.ts';
import { COMPARISON_METHOD_VALUES, VERDICT_VALUES } from '../../schemas/types.gen.ts';
import type { SpeedMetric } from '../lib/study-analysis.ts';
import type { UiKey } from './index.ts';

// Each label key is built from the enum value; the return type makes TypeScript check every value of
// the enum against the keys of en.json, so a value without a label does not compile.
export const dialectLabel = (d: Dialect): UiKey => `dialect.${d}`;
export const servingModeLabel = (m: ServingMode): UiKey => `mode.${m}`;
export const severityLabel = (s: Severity): UiKey => `severity.${s}`;
export const verdictLabel = (v: Verdict): UiKey => `verdict.${v}`;
/** Method labels take {n}, the paired count. */
export const methodLabel = (m: ComparisonMethod): UiKey => `method.${m}`;
export const exampleStatusLabel = (s: ExampleStatus): UiKey => `ex.filter.${s}`;
export const speedLabel = (s: SpeedMetric): UiKey => `speed.${s}`;
export const outcomeLabel = (o: RunOutcome): UiKey => `outcome.${o}`;

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
  explanation: 'ex.explanation',
  responseDiff: 'ex.responseDiff',
  clear: 'ex.clear',
  emptyFiltered: 'ex.emptyFiltered',
  emptyNone: 'ex.emptyNone',
  prevExample: 'ex.prevExample',
  nextExample: 'ex.nextExample',
  answerColumn: 'ex.answerColumn',
  sort: 'ex.sort',
  'sort.file': 'ex.sort.file',
  'sort.id': 'ex.sort.id',
  'sort.status': 'ex.sort.status',
  'sort.length': 'ex.sort.length',
  'sort.lengthDesc': 'ex.sort.lengthDesc',
  'sort.metric': 'ex.sort.metric',
  'sort.metricDesc': 'ex.sort.metricDesc',
  ranges: 'ex.ranges',
  'ranges.none': 'ex.ranges.none',
  'ranges.min': 'ex.ranges.min',
  'ranges.max': 'ex.ranges.max',
  'ranges.extent': 'ex.ranges.extent',
  'col.status': 'ex.col.status',
  'col.id': 'ex.col.id',
  'col.question': 'ex.col.question',
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

/** Strings the compare page's script needs, by its short names: its own, verdicts and methods. */
export const COMPARE_STRINGS = {
  ...Object.fromEntries(
    (['search', 'pick', 'pickHelp', 'add', 'remove', 'makeBaseline', 'baseline', 'tasks', 'withExamples', 'more', 'pickMore', 'loading', 'pairing', 'paired', 'notPaired', 'error', 'task', 'caption', 'footnote', 'flips', 'summary', 'summaryLine', 'environment', 'environmentSame', 'invalidates', 'field', 'holm', 'nothingShared', 'tasksOne', 'addRuns'] as const).map((k) => [k, `compare.${k}` as const]),
  ),
  pp: 'unit.pp',
  example: 'example.badge',
  illustrative: 'example.illustrative',
  ...Object.fromEntries(VERDICT_VALUES.map((v) => [`verdict.${v}`, verdictLabel(v)])),
  ...Object.fromEntries(COMPARISON_METHOD_VALUES.map((m) => [`method.${m}`, methodLabel(m)])),
} satisfies Record<string, UiKey>;
