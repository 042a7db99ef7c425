/**
 * Markdown experiment records (seed 001, Chinese or English headings: run info, CLI, calibration
 * data, quantization parameters, PPL table, lm-eval table task | metric | score, VRAM peak, total
 * time, environment and package versions), and lm-eval's own stdout table saved as markdown
 * (`|Tasks|Version|Filter|n-shot|Metric|...|Value|...|Stderr|`).
 */
import type { Adapter, Probe, ReadContext, RunDraft } from '../adapter.ts';
import type { Environment, PerplexityResult } from '../../../schemas/types.gen.ts';
import { markdownTables, type MdTable } from '../lib/markdown-tables.ts';
import { readLmEvalResults } from './lm-eval-results.ts';
import { redactText, redactValue } from '../lib/redact.ts';
import { toMetricValue } from '../../../domain/metrics.ts';
import { dict } from '../../../domain/guards.ts';

type Obj = Record<string, unknown>;

// Field labels in both languages; the record writer may use either.
const LABELS: Record<string, RegExp> = {
  runTime: /^(运行时间|run time|started)$/i,
  cli: /^(完整 CLI 参数|full CLI arguments|command)$/i,
  method: /^(方法|method)$/i,
  track: /^(赛道|track)$/i,
  seed: /^seed$/i,
  weight: /^(weight|权重)$/i,
  calibDataset: /^(校准数据集|calibration dataset)$/i,
  calibSamples: /^(校准样本数|calibration samples)$/i,
  calibSeqLen: /^(校准序列长度|calibration sequence length)$/i,
  vram: /^(VRAM 峰值|VRAM peak|peak VRAM)$/i,
  totalTime: /^(评测总耗时|total (evaluation )?time)$/i,
  host: /^(主机|host(name)?)$/i,
  os: /^OS$/i,
  python: /^python$/i,
  driver: /^driver$/i,
  cuda: /^CUDA$/i,
  cudnn: /^cuDNN$/i,
  time: /^(时间|time)$/i,
};

/** lm-eval's printed table: v0.4 `Tasks|Version|Filter|n-shot|Metric|...`, or v0.3 `Task|Version|Metric|Value||Stderr` (model cards). */
function isLmEvalStdoutTable(t: MdTable): boolean {
  const h = t.header.map((c) => c.toLowerCase());
  return (h[0] === 'tasks' || h[0] === 'groups' || (h[0] === 'task' && h.includes('version'))) && h.includes('metric') && h.includes('value');
}

function isRecordTable(t: MdTable): boolean {
  const h = t.header.map((c) => c.toLowerCase());
  return h.length === 3 && /^(任务|task)$/.test(h[0]!) && /^(指标|metric)$/.test(h[1]!) && /^(分数|score|value)$/.test(h[2]!);
}

export const markdownRecordAdapter: Adapter = {
  dialect: 'markdown-record',
  detect(probe, ctx) {
    if (probe.kind !== 'file' || !/\.(md|markdown|mdx)$/i.test(probe.name)) return 0;
    const text = ctx.readText(probe.path)?.text ?? '';
    const tables = markdownTables(text);
    return tables.some((t) => isRecordTable(t) || isLmEvalStdoutTable(t)) || /^##\s*(PPL 结果|lm-eval 任务结果|PPL results|lm-eval results)/m.test(text) ? 0.9 : 0;
  },
  read(probe, ctx) {
    const text = ctx.readText(probe.path)?.text ?? '';
    const tables = markdownTables(text);
    const results = dict<Obj>();
    let dialect: RunDraft['dialect'] = 'markdown-record';
    const nShot = dict<unknown>();
    const versions = dict<unknown>();
    const suites = new Map<string, string[]>();
    const lines = text.split('\n');
    for (const t of tables) {
      if (isRecordTable(t)) {
        const percent = tableInPercent(t.rows);
        if (percent) ctx.problems.add({ severity: 'info', file: probe.rel, message: `scores of the table "${t.header.join(' | ').slice(0, 60)}" read as percentages (${percent})`, dialect: 'markdown-record' });
        for (const [task, metric, score] of t.rows) {
          const name = task!.trim();
          const key = metric?.trim();
          const row = (results[name] ??= dict<unknown>());
          const value = toMetricValue(score?.trim())?.value;
          if (key === 'alias') row.alias = score ?? '';
          else if (key) row[key] = typeof value === 'number' && percent && ACCURACY_LIKE.test(key) ? value / 100 : (value ?? score?.trim());
        }
      } else if (isLmEvalStdoutTable(t)) {
        dialect = 'lm-eval-table';
        readStdoutTable(t, results, nShot, versions);
        // Model cards paste one table per suite under "GPT4All:", with "Average: 66.72" after it.
        const suite = suiteOf(lines, t);
        if (suite && !Object.hasOwn(results, suite.name)) {
          suites.set(suite.name, t.rows.map((r) => r[0]?.trim() ?? '').filter(Boolean));
          if (suite.average !== undefined) results[suite.name] = Object.assign(dict<unknown>(), { 'average,none': Number((suite.average / 100).toPrecision(12)) });
        }
      }
    }
    const probeForLmEval: Probe = { ...probe, name: probe.name.replace(/\.\w+$/, '.json') };
    const base = readLmEvalResults({ results, versions, 'n-shot': nShot, config: {}, ...(suites.size ? { group_subtasks: Object.fromEntries(suites) } : {}) }, probeForLmEval, ctx).runs[0]!;
    const run: RunDraft = { ...base, dialect, sources: [{ path: probe.rel }] };
    delete run.settings;
    delete run.environment;
    const finished = dialect === 'lm-eval-table' ? withStdoutHeader(run, text) : withRecordFields(run, text, tables, probe, ctx);
    const title = firstHeading(text.split('\n'), 1) ?? probe.name;
    if (dialect === 'markdown-record') finished.idHint = [finished.model.split('/').pop(), finished.variant, 'record'].filter(Boolean).join('-');
    return { runs: [finished], records: [{ runIndex: 0, title, markdown: redactText(text) }] };
  },
};

const ACCURACY_LIKE = /(^|_)(acc|accuracy|exact_match|em|f1|mc1|mc2|pass@\d+|match|correct)(_|$)/i;

/**
 * A hand-written record table states its convention once for all its rows: percentages when a
 * score carries "%", or when every accuracy-like score lies in 0..100 and most exceed 1. Then one
 * stray value cannot flip the table, and a 7.5 among fractions stays impossible.
 */
function tableInPercent(rows: string[][]): string | undefined {
  const scores = rows.filter((r) => ACCURACY_LIKE.test(r[1]?.trim() ?? '')).map((r) => r[2]?.trim() ?? '');
  if (scores.some((s) => s.endsWith('%'))) return 'a score carries "%"';
  const values = scores.map((s) => toMetricValue(s)?.value).filter((v): v is number => typeof v === 'number');
  if (values.length && values.every((v) => v >= 0 && v <= 100) && values.filter((v) => v > 1).length > values.length / 2) return 'all lie in 0..100 and most exceed 1';
  return undefined;
}

/**
 * The suite a pasted table belongs to: a "Name:" line just above it (past its ``` fence), and the
 * "Average: N" (in percent) just below, when there is a number.
 */
function suiteOf(lines: string[], t: MdTable): { name: string; average?: number } | undefined {
  let i = t.line - 2;
  while (i >= 0 && /^\s*(```.*)?$/.test(lines[i]!)) i--;
  const name = i >= 0 ? /^([A-Za-z][\w .+-]{0,40}):\s*$/.exec(lines[i]!.trim())?.[1] : undefined;
  if (!name) return undefined;
  let j = t.line + t.rows.length + 1;
  while (j < lines.length && /^\s*(```.*)?$/.test(lines[j]!)) j++;
  const avg = j < lines.length ? /^Average:\s*([\d.]+)\s*$/.exec(lines[j]!.trim())?.[1] : undefined;
  return avg !== undefined && Number.isFinite(Number(avg)) ? { name, average: Number(avg) } : { name };
}

function readStdoutTable(t: MdTable, results: Record<string, Obj>, nShot: Obj, versions: Obj): void {
  const h = t.header.map((c) => c.toLowerCase());
  const col = (name: string) => h.indexOf(name);
  const [iTask, iVer, iFilter, iShot, iMetric, iValue] = [0, col('version'), col('filter'), col('n-shot'), col('metric'), col('value')];
  const iStderr = col('stderr');
  let current: string | undefined;
  for (const raw of t.rows) {
    const cell = raw[iTask] ?? '';
    const r = raw.map((c, i) => (i === iTask ? c : c.trim()));
    if (cell.trim()) {
      const alias = cell;
      current = cell.trim().replace(/^-\s*/, '');
      // The Groups table repeats rows of the Tasks table.
      if (results[current] && results[current]!.alias !== undefined && t.header[0]!.toLowerCase() === 'groups') {
        current = undefined;
        continue;
      }
      results[current] ??= Object.assign(dict<unknown>(), { alias });
      if (iVer >= 0 && r[iVer]) versions[current] = toMetricValue(r[iVer])?.value ?? r[iVer];
      if (iShot >= 0 && r[iShot]) nShot[current] = toMetricValue(r[iShot])?.value;
    }
    if (!current) continue;
    const metric = r[iMetric];
    const filter = (iFilter >= 0 && r[iFilter]) || 'none';
    if (!metric) continue;
    results[current]![`${metric},${filter}`] = toMetricValue(r[iValue])?.value ?? r[iValue];
    if (iStderr >= 0 && r[iStderr] !== undefined) results[current]![`${metric}_stderr,${filter}`] = r[iStderr];
  }
}

// Line-by-line extraction: each pattern below sees one trimmed line, anchored at both ends, so a
// record with a heading or field followed by a megabyte of spaces is read in linear time (the
// multi-line patterns these replaced were quadratic to cubic there).

/** "- **Label**: value" -> { label, value }. */
function boldField(line: string): { label: string; value: string } | undefined {
  const t = line.trim();
  if (!t.startsWith('- **') && !t.startsWith('* **')) return undefined;
  const close = t.indexOf('**:', 4);
  if (close < 0) return undefined;
  return { label: t.slice(4, close).trim(), value: t.slice(close + 3).trim() };
}

/** The text of the first heading of a level ("# Title"). */
function firstHeading(lines: string[], level: number): string | undefined {
  const marker = `${'#'.repeat(level)} `;
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith(marker) && t[level] !== '#') return t.slice(level).trim() || undefined;
  }
  return undefined;
}

/** "# 实验结果: model + method (track)" or "# Experiment results: ..." -> what follows the colon. */
function recordTitle(lines: string[]): string | undefined {
  for (const line of lines) {
    const t = line.trim();
    if (!t.startsWith('# ')) continue;
    const rest = t.slice(2).trim();
    const prefix = ['实验结果', 'Experiment results', 'Experiment result'].find((p) => rest.startsWith(p));
    if (!prefix) continue;
    const after = rest.slice(prefix.length).trim();
    if (after.startsWith(':') || after.startsWith('：')) return after.slice(1).trim() || undefined;
  }
  return undefined;
}

/** "Qwen2.5-7B + awq (track A)" -> model, variant, description. */
function splitTitle(title: string): { model: string; variant: string; description?: string } | undefined {
  const plus = title.indexOf('+');
  if (plus <= 0) return undefined;
  const model = title.slice(0, plus).trim();
  const rest = title.slice(plus + 1).trim();
  const space = rest.search(/\s/);
  const variant = space < 0 ? rest : rest.slice(0, space);
  const tail = space < 0 ? '' : rest.slice(space).trim();
  if (!model || !variant) return undefined;
  if (tail && !(tail.startsWith('(') && tail.endsWith(')'))) return undefined;
  return { model, variant, ...(tail ? { description: tail.slice(1, -1) } : {}) };
}

/** The body of the first fenced block after the line `isLabel` accepts. */
function fencedAfter(lines: string[], isLabel: (trimmed: string) => boolean): string | undefined {
  const at = lines.findIndex((l) => isLabel(l.trim()));
  if (at < 0) return undefined;
  let i = at + 1;
  while (i < lines.length && !lines[i]!.trim()) i++;
  if (!lines[i]?.trim().startsWith('```')) return undefined;
  const body: string[] = [];
  for (i++; i < lines.length && !lines[i]!.trim().startsWith('```'); i++) body.push(lines[i]!);
  return body.join('\n').trim() || undefined;
}

/** The lines of the section under the heading `heading` matches, up to the next heading. */
function sectionLines(lines: string[], heading: RegExp): string[] {
  const at = lines.findIndex((l) => heading.test(l.trim()));
  if (at < 0) return [];
  const out: string[] = [];
  for (let i = at + 1; i < lines.length && !lines[i]!.trim().startsWith('#'); i++) out.push(lines[i]!);
  return out;
}

function withStdoutHeader(run: RunDraft, text: string): RunDraft {
  // lm-eval prints "hf (pretrained=X,...), gen_kwargs: (...), limit: 1000.0, num_fewshot: 0, batch_size: 4".
  const header = text.split(/\r?\n/).find((l) => /^\S+ \(.*\)(, \w+: .*)*$/.test(l.trim()) && /limit:|batch_size:/.test(l));
  if (!header) return run;
  const args = /^\S+ \((.*?)\), \w+:/.exec(header)?.[1] ?? '';
  const model = /(?:pretrained|model)=([^,]+)/.exec(args)?.[1];
  if (model) run.model = model;
  const settings: Obj = { model: header.split(' ')[0], model_args: redactText(args) };
  for (const m of header.matchAll(/(\w+): ([^,]+|\(.*?\))/g)) settings[m[1]!] = m[2]!.trim();
  run.settings = settings;
  const limit = toMetricValue(settings.limit)?.value;
  if (typeof limit === 'number' && limit > 0) run.sampling = { limit, ...(limit < 1 ? { fraction: limit } : {}) };
  return run;
}

function withRecordFields(run: RunDraft, text: string, tables: MdTable[], probe: Probe, ctx: ReadContext): RunDraft {
  const lines = text.split('\n');
  const fields = new Map<string, string>();
  for (const line of lines) {
    const f = boldField(line);
    if (!f) continue;
    const key = Object.entries(LABELS).find(([, re]) => re.test(f.label))?.[0];
    if (key && !fields.has(key)) fields.set(key, f.value);
  }
  const title = recordTitle(lines);
  const titleParts = title ? splitTitle(title) : undefined;
  if (titleParts) {
    run.model = titleParts.model;
    run.variant = titleParts.variant;
    if (titleParts.description) run.description = titleParts.description;
  } else if (title) run.model = title;
  else run.model = probe.name.replace(/\.\w+$/, '');
  const method = fields.get('method');
  if (method) run.quantization = /^(none|original|bf16|fp16)$/i.test(method) ? null : method;
  const cli = fencedAfter(lines, (l) => /^(?:[-*] )?\*\*(?:完整 CLI 参数|Full CLI arguments)\*\*:$/i.test(l));
  const runTime = fields.get('runTime') ?? fields.get('time');
  if (runTime) run.timestamp = runTime;

  const params = dict<unknown>();
  for (const k of ['track', 'calibDataset', 'calibSamples', 'calibSeqLen'] as const) {
    const v = fields.get(k);
    if (v) params[k] = toMetricValue(v)?.value ?? v;
  }
  const weight = fields.get('weight');
  if (weight) {
    try {
      params.weight = JSON.parse(weight);
    } catch {
      params.weight = weight;
    }
  }
  if (method) params.method = method;
  if (Object.keys(params).length) run.quantizationParams = redactValue(params);

  const ppl: PerplexityResult[] = [];
  for (const t of tables) {
    const h = t.header.map((c) => c.toLowerCase());
    if (h.includes('ppl')) {
      for (const r of t.rows) {
        const v = toMetricValue(r[h.indexOf('ppl')])?.value;
        if (typeof v !== 'number') continue;
        const nll = h.includes('nll') ? toMetricValue(r[h.indexOf('nll')])?.value : undefined;
        ppl.push({ dataset: r[0]!.trim(), ppl: v, ...(typeof nll === 'number' ? { nll } : {}) });
      }
    }
  }
  if (ppl.length) run.perplexity = ppl;

  const system: NonNullable<RunDraft['system']> = {};
  // The sign is kept: a negative figure is reported as impossible, not read as positive.
  const vram = /([-−]?[\d.]+)\s*(MB|MiB|GB|GiB)/i.exec(fields.get('vram') ?? '');
  if (vram) system.vramPeakMb = Number(vram[1]!.replace('−', '-')) * (/^g/i.test(vram[2]!) ? 1024 : 1);
  const total = /([-−]?[\d.]+)/.exec(fields.get('totalTime') ?? '')?.[1]?.replace('−', '-');
  if (total) system.totalTimeSeconds = Number(total) * (/分钟|min/i.test(fields.get('totalTime')!) ? 60 : /小时|h(ou)?r/i.test(fields.get('totalTime')!) ? 3600 : 1);
  if (Object.keys(system).length) run.system = system;

  const env: Environment = {};
  const host = fields.get('host');
  if (host) env.hostname = host;
  for (const k of ['os', 'python', 'driver', 'cuda', 'cudnn'] as const) {
    const v = fields.get(k);
    if (v) env[k] = v;
  }
  const gpus = lines.flatMap((line) => {
    const f = boldField(line);
    const index = f && /^GPU (\d+)$/.exec(f.label)?.[1];
    if (!f || !index) return [];
    // "NVIDIA A100-SXM4-80GB (81920 MB)"
    const open = f.value.lastIndexOf('(');
    const mb = open > 0 && f.value.endsWith('MB)') ? /^(\d+(?:\.\d+)?)$/.exec(f.value.slice(open + 1, -3).trim())?.[1] : undefined;
    return [{ index: Number(index), name: (mb ? f.value.slice(0, open) : f.value).trim(), ...(mb ? { memoryMb: Number(mb) } : {}) }];
  });
  if (gpus.length) env.gpus = gpus;
  const packages = Object.fromEntries(sectionLines(lines, /^###\s*(关键包版本|Key package versions|Packages)$/).flatMap((line) => {
    // "- `torch`: 2.6.0"
    const t = line.trim();
    if (!t.startsWith('- `')) return [];
    const close = t.indexOf('`', 3);
    const rest = close > 3 ? t.slice(close + 1) : '';
    if (!rest.startsWith(':')) return [];
    const version = rest.slice(1).trim().split(/\s/)[0];
    return version ? [[t.slice(3, close), version]] : [];
  }));
  if (Object.keys(packages).length) env.packages = packages;
  const seed = fields.get('seed');
  if (seed && /^\d+$/.test(seed)) env.seed = Number(seed);
  if (cli) env.command = redactText(cli);
  if (runTime) env.startedAt = runTime;
  if (Object.keys(env).length) run.environment = env;
  if (!run.tasks.length && !ppl.length) ctx.problems.warning(probe.rel, 'markdown record has no lm-eval or PPL table with results', { dialect: 'markdown-record' });
  return run;
}
