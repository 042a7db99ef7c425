/**
 * npm run ingest -- [paths...] [--dialect D] [--out DIR [--force]] [--strict] [--quiet]
 * Reads result artifacts of any supported dialect into content/. Without paths, the embedded
 * examples/ are read. Exit status is non-zero only with --strict, when something was rejected or a
 * result-looking file (.json, .jsonl, .csv, or a name with result/metric/summary/samples) was not read.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { ingestInto } from './write-content.ts';
import { DIALECTS } from './adapters/index.ts';
import { formatProblem, type Problem } from '../../domain/problems.ts';
import { createProgress } from '../lib/progress.ts';
import { asUsageError, runCommand, UsageError } from '../lib/cli.ts';
import { checkYaml, lineOf, readYaml } from '../lib/yaml-config.ts';
import { parseSelector, type RunSelector, type StudyFileSource } from './declared-studies.ts';
import { contentDir } from '../../domain/content-layout.ts';
import { existsSync } from 'node:fs';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const DEFAULT_INPUTS = [join(ROOT, 'examples')];

const USAGE = `usage: npm run ingest -- [paths...] [--dialect ${DIALECTS.join('|')}] [--out DIR [--force]] [--strict] [--quiet]
                          [--studies studies.yaml] [--study NAME --baseline SELECTOR] [--fresh]
  SELECTOR: a run id, or key=value[,key=value] with keys run, model, path (glob), dialect, variant
  --fresh: read every input again (by default an input whose files are unchanged since the last
           ingest into the same --out is taken from it)`;

/** A study file checked against schemas/study-file.schema.json, problems pointing at their lines. */
function readStudyFile(file: string): StudyFileSource {
  const src = readYaml(file, 'ESTUDIES');
  return { file, value: checkYaml(src, src.value, 'study-file.schema.json', 'ESTUDIES', 'study file'), lineOf: (pointer) => lineOf(src, pointer) };
}

function main(): number {
  const args = parseArgs({
    allowPositionals: true,
    options: {
      dialect: { type: 'string' },
      out: { type: 'string', default: contentDir() },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      studies: { type: 'string' },
      study: { type: 'string' },
      baseline: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const dialect = args.values.dialect === undefined ? undefined : DIALECTS.find((d) => d === args.values.dialect);
  if (args.values.dialect !== undefined && !dialect) throw new UsageError(`unknown dialect "${args.values.dialect}"`, 'EDIALECT');
  const inputs = args.positionals.length ? args.positionals : DEFAULT_INPUTS;
  const studies = args.values.studies === undefined ? undefined : readStudyFile(args.values.studies);
  if ((args.values.study === undefined) !== (args.values.baseline === undefined)) throw new UsageError('--study NAME and --baseline SELECTOR go together', 'EARG');
  let quickStudy: { title: string; baseline: RunSelector } | undefined;
  if (args.values.study !== undefined && args.values.baseline !== undefined) {
    try {
      quickStudy = { title: args.values.study, baseline: parseSelector(args.values.baseline) };
    } catch (err) {
      throw new UsageError(`--baseline: ${err instanceof Error ? err.message : String(err)}`, 'EARG');
    }
  }
  const missing = inputs.filter((i) => !existsSync(i));
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`, 'ENOINPUT');
  const progress = createProgress('ingest', args.values.quiet);
  const started = performance.now();
  // Read and written in one pass: each run's examples go to shards as soon as it is read.
  const { result, manifest } = ingestInto(resolve(args.values.out!), { inputs, ...(dialect ? { dialect } : {}), ...(studies ? { studies } : {}), ...(quickStudy ? { quickStudy } : {}), onInput: (rel) => progress.tick(rel) }, inputs.map((i) => resolve(i)), { force: args.values.force ?? false, fresh: args.values.fresh ?? false });
  progress.done();
  const skips = result.problems.filter(isSkip);
  if (!args.values.quiet) {
    for (const p of result.problems.filter((x) => x.severity !== 'info')) console.error(formatProblem(p));
    for (const p of skips.slice(0, MAX_SKIPS_PRINTED)) console.error(formatProblem(p));
    if (skips.length > MAX_SKIPS_PRINTED) console.error(`info: … and ${skips.length - MAX_SKIPS_PRINTED} more files not read (all are listed on the site's problems page)`);
  }
  const skippedFiles = new Set(result.problems.filter((p) => p.severity === 'error' || p.severity === 'info').map((p) => p.file)).size;
  const skippedResults = skips.filter((p) => looksLikeResults(p.file));
  const secs = (performance.now() - started) / 1000;
  console.log(
    `ingest: ${manifest.runs} runs, ${manifest.studies} studies from ${result.stats.filesRead} files (${(result.stats.bytesRead / 1e6).toFixed(1)} MB)${result.stats.cached ? ` and ${result.stats.cached} unchanged inputs (not read again)` : ''} in ${secs.toFixed(2)} s; ` +
      `${manifest.problems.error} errors, ${manifest.problems.warning} warnings, ${skippedFiles} files skipped or not results -> ${args.values.out}`,
  );
  if (args.values.strict && skippedResults.length) console.error(`ingest --strict: ${skippedResults.length} result-looking file(s) were not read: ${skippedResults.slice(0, 5).map((p) => p.file).join(', ')}${skippedResults.length > 5 ? ', …' : ''}`);
  return args.values.strict && (manifest.problems.error > 0 || skippedResults.length > 0) ? 1 : 0;
}

const MAX_SKIPS_PRINTED = 50;

/** A file ingest passed over (no reader, hidden, a link not followed): said as info, printed with its reason. */
function isSkip(p: Problem): boolean {
  return p.severity === 'info' && /^not read|not read twice|holds no results/.test(p.message);
}

/** Files whose name says they hold results: skipping one fails --strict. */
function looksLikeResults(file: string): boolean {
  const name = file.split('/').pop() ?? file;
  return /\.(json|jsonl|csv|tsv|parquet)$/i.test(name) || /result|metric|summary|samples/i.test(name);
}

void runCommand('ingest', USAGE, () => {
  try {
    return main();
  } catch (err) {
    throw asUsageError(err);
  }
});
