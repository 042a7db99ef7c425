/** Online-load charts of a run: latency percentiles and TTFT against request rate. */
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { lines, type LineChart } from './charts.ts';
import { t, type Locale } from '../i18n/index.ts';
import { formatNumber } from './format.ts';

export interface ServingChart {
  chart: LineChart;
  title: string;
  yLabel: string;
  description: string;
}

const GROUPS = [
  { key: 'e2el', title: 'serving.chart.latency' as const, stats: ['p50', 'p95', 'p99'] },
  { key: 'ttft', title: 'serving.chart.ttft' as const, stats: ['p50', 'p95', 'p99', 'mean'] },
];

export function servingCharts(run: NormalizedRun, locale: Locale): ServingChart[] {
  const online = (run.serving ?? []).filter((s) => s.mode === 'online' && typeof s.requestRate === 'number');
  if (online.length < 2) return [];
  const out: ServingChart[] = [];
  for (const g of GROUPS) {
    const series = g.stats
      .map((stat) => ({ name: `${stat} ${g.key.toUpperCase()}`, values: online.flatMap((s) => { const v = s.metrics[`${stat}_${g.key}_ms`]; return typeof v === 'number' ? [{ x: s.requestRate as number, y: v }] : []; }) }))
      .filter((s) => s.values.length >= 2);
    if (!series.length) continue;
    const fmt = (v: number) => formatNumber(locale, v);
    const description = series.map((s) => `${s.name}: ${s.values.map((v) => `${fmt(v.x)} → ${fmt(v.y)} ms`).join(', ')}`).join('; ');
    out.push({ chart: lines(series, fmt, fmt), title: t(locale, g.title), yLabel: t(locale, 'serving.ms'), description });
  }
  return out;
}
