/**
 * npm run export -- --format eee|markdown [--out DIR] [--lang en|zh] [--content DIR] [--org NAME]
 * Writes the ingested content in other tools' formats: Every Eval Ever records (aggregate and
 * instance-level, validated) or one markdown report per study. Writes only into --out, which must
 * be new, empty, or an earlier export's folder (its marker file says so): nothing of the user's is
 * replaced.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { contentDir } from '../../domain/content-layout.ts';
import { isLocale, type Locale } from '../../src/i18n/index.ts';
import { slug } from '../../domain/ids.ts';
import { writeFileAtomic } from '../lib/atomic.ts';
import { runCommand, UsageError } from '../lib/cli.ts';
import { readContent } from './content-reader.ts';
import { eeeFor } from './eee.ts';
import { studyReport } from './markdown-report.ts';

const USAGE = 'usage: npm run export -- --format eee|markdown [--out DIR] [--lang en|zh] [--content DIR] [--org NAME] [--relationship first_party|third_party|collaborative|other]';
const RELATIONSHIPS = ['first_party', 'third_party', 'collaborative', 'other'] as const;

const MARKER = '.evalsite-export';

/** --out must be new, empty or an earlier export's (marked) folder. */
function claimOut(out: string): void {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out} is not a folder`, 'EOUT');
    if (readdirSync(out).length && !existsSync(join(out, MARKER))) throw new UsageError(`--out ${out} holds files export did not write; choose an empty or new folder`, 'ENOTOWNED');
  }
  mkdirSync(out, { recursive: true });
  writeFileAtomic(join(out, MARKER), 'written by evalsite export; files here are replaced by the next export\n');
}

function writeOwned(path: string, text: string, written: string[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, text);
  written.push(path);
}

function main(): number {
  const { values } = parseArgs({
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      content: { type: 'string', default: contentDir() },
      org: { type: 'string', default: 'unknown' },
      relationship: { type: 'string', default: 'other' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.format !== 'eee' && values.format !== 'markdown') throw new UsageError(`--format must be eee or markdown${values.format ? `, not "${values.format}"` : ''}`, 'EFORMAT');
  const lang = values.lang;
  if (!isLocale(lang)) throw new UsageError(`--lang must be en or zh, not "${lang}"`, 'ELANG');
  const relationship = RELATIONSHIPS.find((r) => r === values.relationship);
  if (!relationship) throw new UsageError(`--relationship must be one of ${RELATIONSHIPS.join(', ')}`, 'EARG');
  const content = readContent(resolve(values.content!));
  const out = resolve(values.out ?? `export-${values.format}`);
  claimOut(out);
  const written: string[] = [];
  if (values.format === 'eee') {
    const now = Math.floor(Date.now() / 1000);
    let runs = 0;
    for (const run of content.runs) {
      const files = eeeFor(run, (task) => content.examples(task), { organization: values.org!, relationship, now });
      if (!files) continue;
      runs++;
      writeOwned(join(out, files.path), `${JSON.stringify(files.record, null, 2)}\n`, written);
      if (files.instances) writeOwned(join(out, files.instances.path), files.instances.lines.map((l) => JSON.stringify(l)).join('\n') + '\n', written);
    }
    console.log(`export: ${runs} runs as Every Eval Ever records (${written.length} files, validated) -> ${out}`);
  } else {
    const byId = new Map(content.runs.map((r) => [r.id, r]));
    const locale: Locale = lang;
    for (const study of content.studies) writeOwned(join(out, `${slug(study.id)}.${locale}.md`), studyReport(study, byId, locale, new Date()), written);
    console.log(`export: ${written.length} study reports (${locale}) -> ${out}`);
  }
  return 0;
}

void runCommand('export', USAGE, main);
