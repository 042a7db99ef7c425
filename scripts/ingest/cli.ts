/**
 * npm run ingest -- [paths...] [--dialect D] [--out DIR] [--strict] [--quiet]
 * Reads result artifacts of any supported dialect into content/. Without paths, the embedded
 * examples/ are read. Exit status is non-zero only with --strict when something was rejected.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { ingest } from './ingest.ts';
import { writeContent } from './write-content.ts';
import { DIALECTS } from './adapters/index.ts';
import { formatProblem } from '../../domain/problems.ts';
import { createProgress } from '../lib/progress.ts';
import type { Dialect } from '../../schemas/types.gen.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const DEFAULT_INPUTS = [join(ROOT, 'examples')];

const USAGE = `usage: npm run ingest -- [paths...] [--dialect ${DIALECTS.join('|')}] [--out DIR] [--strict] [--quiet]`;

function main(): number {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        dialect: { type: 'string' },
        out: { type: 'string', default: join(ROOT, 'content') },
        strict: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const dialect = args.values.dialect as Dialect | undefined;
  if (dialect && !DIALECTS.includes(dialect)) {
    console.error(`unknown dialect "${dialect}"\n${USAGE}`);
    return 2;
  }
  const inputs = args.positionals.length ? args.positionals : DEFAULT_INPUTS;
  const progress = createProgress('ingest', args.values.quiet);
  const started = performance.now();
  const result = ingest({ inputs, ...(dialect ? { dialect } : {}), onInput: (rel) => progress.tick(rel) });
  progress.done();
  const manifest = writeContent(result, resolve(args.values.out!), inputs.map((i) => resolve(i)));
  if (!args.values.quiet) for (const p of result.problems.filter((x) => x.severity !== 'info')) console.error(formatProblem(p));
  const skippedFiles = new Set(result.problems.filter((p) => p.severity === 'error' || p.severity === 'info').map((p) => p.file)).size;
  const secs = (performance.now() - started) / 1000;
  console.log(
    `ingest: ${manifest.runs} runs, ${manifest.studies} studies from ${result.stats.filesRead} files (${(result.stats.bytesRead / 1e6).toFixed(1)} MB) in ${secs.toFixed(2)} s; ` +
      `${manifest.problems.error} errors, ${manifest.problems.warning} warnings, ${skippedFiles} files skipped or not results -> ${args.values.out}`,
  );
  return args.values.strict && manifest.problems.error > 0 ? 1 : 0;
}

process.exitCode = main();
