/**
 * The experiment record of a finished variant, in seed 001's shape: run info and full CLI,
 * datasets, quantization parameters, PPL table, lm-eval table (task | metric | score), VRAM peak,
 * total time, environment and package versions. Written twice, `record.zh.md` (the seed's
 * Chinese) and its English twin `record.en.md`; ingest reads either back as the seed's dialect and
 * attaches both to the run.
 */
import { join } from 'node:path';
import type { Config, Variant } from './config.ts';
import { findResults } from './runners/run-lm-eval.ts';
import { writeFileAtomic } from '../lib/atomic.ts';
import { isObj } from '../../domain/guards.ts';
import { readJsonObject } from './files.ts';

type Lang = 'zh' | 'en';

const L: Record<Lang, Record<string, string>> = {
  zh: {
    title: '实验结果', runInfo: '运行信息', runTime: '运行时间', script: '脚本', cli: '完整 CLI 参数', datasets: '数据集', calibDataset: '校准数据集', calibSamples: '校准样本数', calibSeqLen: '校准序列长度', pplDatasets: 'PPL 评测数据集', lmEvalTasks: 'lm-eval 任务',
    params: '量化参数', method: '方法', track: '赛道', ppl: 'PPL 结果', dataset: '数据集', kl: '与基线的逐词分布对比', baseline: '基线', klMean: 'KL 均值', klMedian: 'KL 中位数', klP99: 'KL p99', sameTop: '首选词一致率',
    lmEval: 'lm-eval 任务结果', task: '任务', metric: '指标', score: '分数', system: '系统指标', vram: 'VRAM 峰值', totalTime: '评测总耗时', seconds: '秒', env: '运行环境', time: '时间', host: '主机', packages: '关键包版本', none: 'none',
  },
  en: {
    title: 'Experiment results', runInfo: 'Run info', runTime: 'Run time', script: 'Script', cli: 'Full CLI arguments', datasets: 'Datasets', calibDataset: 'Calibration dataset', calibSamples: 'Calibration samples', calibSeqLen: 'Calibration sequence length', pplDatasets: 'PPL datasets', lmEvalTasks: 'lm-eval tasks',
    params: 'Quantization parameters', method: 'Method', track: 'Track', ppl: 'PPL results', dataset: 'Dataset', kl: 'Next-token distributions against the baseline', baseline: 'Baseline', klMean: 'KL mean', klMedian: 'KL median', klP99: 'KL p99', sameTop: 'Same top token',
    lmEval: 'lm-eval results', task: 'Task', metric: 'Metric', score: 'Score', system: 'System metrics', vram: 'VRAM peak', totalTime: 'Total evaluation time', seconds: 's', env: 'Environment', time: 'Time', host: 'Host', packages: 'Key package versions', none: 'none',
  },
};

/** A table cell: no line break, no "|" that would start a new cell. */
const cell = (v: unknown) => String(v ?? '').replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
/** A value after "**Label**:" on one line. */
const inline = (v: unknown) => String(v ?? '').replace(/[\r\n]+/g, ' ');
/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `  ${fence}\n${text.split('\n').map((l) => `  ${l}`).join('\n')}\n  ${fence}`;
}
const round = (x: unknown) => (typeof x === 'number' ? Number(x.toFixed(4)) : x);

/** Rows task | metric | score from lm-eval's results files and the own runners' metrics. */
function resultRows(c: Config, runDir: string): [string, string, unknown][] {
  const rows: [string, string, unknown][] = [];
  for (const d of c.datasets) {
    if (d.type === 'lm-eval') {
      for (const file of findResults(join(runDir, 'lm_eval', d.name))) {
        const results = readJsonObject(file)?.results;
        if (!isObj(results)) continue;
        for (const [task, metrics] of Object.entries(results)) {
          if (!isObj(metrics)) continue;
          for (const [metric, value] of Object.entries(metrics)) rows.push([task, metric, metric === 'alias' ? value : round(value)]);
        }
      }
    } else if (d.type !== 'perplexity') {
      const m = readJsonObject(join(runDir, d.name, `${d.name}_metrics.json`));
      if (m && typeof m.accuracy_pct === 'number') rows.push([d.name, 'accuracy', round(m.accuracy_pct / 100)]);
    }
  }
  return rows;
}

export function recordMarkdown(c: Config, v: Variant, runDir: string, lang: Lang): string {
  const t = L[lang];
  const meta = readJsonObject(join(runDir, 'run_meta.json')) ?? {};
  const q = isObj(meta.quantize) ? meta.quantize : undefined;
  const cal = q && isObj(q.calibration) ? q.calibration : undefined;
  const model = typeof meta.model === 'string' ? meta.model : (v.model ?? c.model.name);
  const label = (q && typeof q.track === 'string' ? q.track : undefined) ?? v.description;
  const ppl = c.datasets.filter((d) => d.type === 'perplexity').flatMap((d) => {
    const m = readJsonObject(join(runDir, d.name, `${d.name}_metrics.json`));
    return m ? [{ name: d.name, m }] : [];
  });
  const lmTasks = c.datasets.filter((d) => d.type === 'lm-eval').flatMap((d) => d.tasks ?? []);
  const method = q ? String(q.method) : (v.quantization ?? t.none);
  const weight = q && isObj(q.weight) ? { ...q.weight, ...(typeof q.scheme === 'string' ? { scheme: q.scheme } : {}) } : undefined;
  const out: string[] = [`# ${t.title}: ${inline(model)} + ${inline(v.name)}${label ? ` (${inline(label)})` : ''}`, '', `## ${t.runInfo}`, ''];
  out.push(`- **${t.runTime}**: ${inline(meta.timestamp_utc)}`, `- **${t.script}**: \`npm run collect\``);
  if (typeof meta.command === 'string') out.push(`- **${t.cli}**:`, fenced(meta.command));
  out.push('', `## ${t.datasets}`, '');
  out.push(`- **${t.calibDataset}**: ${inline(cal?.dataset ?? '')}`, `- **${t.calibSamples}**: ${inline(cal?.samples ?? '')}`, `- **${t.calibSeqLen}**: ${inline(cal?.seq_len ?? '')}`);
  out.push(`- **${t.pplDatasets}**: ${ppl.map((p) => p.name).join(', ')}`, `- **${t.lmEvalTasks}**: ${lmTasks.join(', ')}`);
  out.push('', `## ${t.params}`, '', `- **${t.method}**: ${inline(method)}`);
  if (q?.track) out.push(`- **${t.track}**: ${inline(q.track)}`);
  if (weight) out.push(`- **weight**: ${JSON.stringify(weight)}`);
  out.push(`- **Seed**: ${inline(q?.seed ?? meta.seed ?? c.seed)}`);
  if (ppl.length) {
    out.push('', `## ${t.ppl}`, '', `| ${t.dataset} | PPL | NLL |`, '|--------|-----|-----|');
    for (const p of ppl) out.push(`| ${cell(p.name)} | ${cell(p.m.ppl)} | ${cell(p.m.nll)} |`);
    const kl = ppl.filter((p) => isObj(p.m.kl));
    if (kl.length) {
      out.push('', `## ${t.kl}`, '', `| ${t.dataset} | ${t.baseline} | ${t.klMean} | ${t.klMedian} | ${t.klP99} | ${t.sameTop} |`, '|---|---|---|---|---|---|');
      for (const p of kl) {
        const k = isObj(p.m.kl) ? p.m.kl : {};
        out.push(`| ${cell(p.name)} | ${cell(k.baseline)} | ${cell(k.mean)} | ${cell(k.median)} | ${cell(k.p99)} | ${cell(k.same_top_token_pct)}% |`);
      }
    }
  }
  const rows = resultRows(c, runDir);
  if (rows.length) {
    out.push('', `## ${t.lmEval}`, '', `| ${t.task} | ${t.metric} | ${t.score} |`, '|------|------|------|');
    for (const [task, metric, score] of rows) out.push(`| ${cell(task)} | ${cell(metric)} | ${cell(score)} |`);
  }
  out.push('', `## ${t.system}`, '');
  if (typeof meta.vram_peak_mb === 'number') out.push(`- **${t.vram}**: ${meta.vram_peak_mb} MB`);
  if (typeof meta.total_time_s === 'number') out.push(`- **${t.totalTime}**: ${meta.total_time_s} ${t.seconds}`);
  out.push('', `## ${t.env}`, '', `- **${t.time}**: ${inline(meta.timestamp_utc)}`, `- **${t.host}**: ${inline(meta.hostname)}`, `- **OS**: ${inline(meta.os)}`, `- **Python**: ${inline(meta.python_version)}`);
  const gpus = Array.isArray(meta.gpus) ? meta.gpus.filter(isObj) : [];
  gpus.forEach((g, i) => out.push(`- **GPU ${i}**: ${inline(g.name)}${typeof g.memory_mb === 'number' ? ` (${g.memory_mb} MB)` : ''}`));
  for (const [k, label2] of [['driver_version', 'Driver'], ['cuda_version', 'CUDA'], ['cudnn_version', 'cuDNN']] as const) if (meta[k] !== null && meta[k] !== undefined) out.push(`- **${label2}**: ${inline(meta[k])}`);
  const packages = isObj(meta.packages) ? Object.entries(meta.packages) : [];
  if (packages.length) {
    out.push('', `### ${t.packages}`, '');
    for (const [name, version] of packages) out.push(`- \`${inline(name).replace(/`/g, '')}\`: ${inline(version)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Writes record.zh.md and record.en.md into the run folder (written by the collector only). */
export function writeRecords(c: Config, v: Variant, runDir: string): string[] {
  return (['zh', 'en'] as const).map((lang) => {
    const path = join(runDir, `record.${lang}.md`);
    writeFileAtomic(path, recordMarkdown(c, v, runDir, lang));
    return path;
  });
}
