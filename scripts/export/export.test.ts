/**
 * `npm run export`: Every Eval Ever records that validate and read back to the same scores, and
 * study reports in both languages whose names from data cannot break the markdown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ingest } from '../ingest/ingest.ts';
import { writeContent } from '../ingest/write-content.ts';
import { isValid } from '../../domain/validate.ts';
import { primaryMetric } from '../../domain/metrics.ts';
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { mdCode, mdText } from './markdown-report.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const content = mkdtempSync(join(tmpdir(), 'evalsite-export-content-'));
let runs: NormalizedRun[] = [];

beforeAll(() => {
  const inputs = [join(ROOT, 'examples'), join(ROOT, 'scripts/ingest/__fixtures__/inspect/input')];
  const r = ingest({ inputs, root: ROOT, analysis: false });
  writeContent(r, content, inputs);
  runs = r.runs;
});

const exportCli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts/export/cli.ts'), '--content', content, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, EVALSITE_CONTENT: content } });

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('export --format eee', () => {
  it('writes a valid aggregate record per run with scores, and instance lines where there are examples; they read back the same', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalsite-eee-')), 'out');
    const r = exportCli('--format', 'eee', '--out', out, '--org', 'Example Lab', '--relationship', 'first_party');
    expect(r.status, r.stderr).toBe(0);
    const all = files(out);
    const aggregates = all.filter((f) => f.endsWith('.json'));
    const instances = all.filter((f) => f.endsWith('.jsonl'));
    const scored = runs.filter((run) => run.tasks.some((t) => primaryMetric(t)?.value !== null && primaryMetric(t)?.value !== undefined));
    expect(aggregates).toHaveLength(scored.length);
    expect(instances.length).toBeGreaterThan(0);
    for (const f of aggregates) expect(isValid('eee-export.schema.json', JSON.parse(readFileSync(join(out, f), 'utf8'))), f).toBe(true);
    for (const f of instances) for (const line of readFileSync(join(out, f), 'utf8').trim().split('\n')) expect(isValid('eee-export-instance.schema.json', JSON.parse(line)), f).toBe(true);
    // Read back with evalsite's own Every Eval Ever reader: same models, same primary scores.
    const back = ingest({ inputs: [out], root: out, analysis: false });
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const inspect = runs.find((x) => x.dialect === 'inspect' && x.tasks[0]?.task === 'arithmetic')!;
    const again = back.runs.find((x) => x.dialect === 'eee' && x.model === inspect.model && x.tasks.some((t) => t.task === 'arithmetic') && x.sources[0]!.path.endsWith('.json'))!;
    expect(again.tasks.find((t) => t.task === 'arithmetic')?.metrics[0]).toMatchObject({ value: 0.5, stderr: 0.25 });
    const lines = back.runs.find((x) => x.sources[0]!.path.endsWith('.jsonl') && x.tasks[0]?.task === 'arithmetic');
    expect(back.examples.get(lines!.id)?.arithmetic).toHaveLength(3); // 4 samples, one unscorable (no score in EEE)
  });

  it('refuses an --out holding files it did not write', () => {
    const out = mkdtempSync(join(tmpdir(), 'evalsite-eee-'));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = exportCli('--format', 'eee', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds files export did not write/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('export --format markdown', () => {
  it('writes each study as a report in English and in Chinese', () => {
    for (const lang of ['en', 'zh'] as const) {
      const out = join(mkdtempSync(join(tmpdir(), 'evalsite-md-')), 'out');
      const r = exportCli('--format', 'markdown', '--lang', lang, '--out', out);
      expect(r.status, r.stderr).toBe(0);
      const report = readFileSync(join(out, `qwen3-30b-a3b-instruct-2507-variants.${lang}.md`), 'utf8');
      expect(report).toContain(`| gsm8k \`accuracy\` | 78.56% | 77.89% | -0.67 ${lang === 'en' ? 'pp' : '个百分点'} |`);
      expect(report).toContain(lang === 'en' ? '## Decision' : '## 结论');
    }
  });

  it('escapes names from data: no HTML, no table break, no code-span escape', () => {
    expect(mdText('| <img src=x onerror=alert(1)> |')).toBe('\\| \\<img src=x onerror=alert\\(1\\)\\> \\|');
    expect(mdCode('a`b|c')).toBe("`a'b\\|c`");
  });
});
