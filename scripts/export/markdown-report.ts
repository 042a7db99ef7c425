/**
 * A study as a markdown report (en or zh) fit for a pull request or a model card: the decision per
 * variant, the accuracy table with each variant's change and its 95% interval, and where the
 * numbers came from. Numbers go through Intl for the report's language; names from data are
 * escaped so a task called "| x |" or "<img>" cannot break the table or inject HTML.
 */
import type { NormalizedRun, NormalizedStudy } from '../../schemas/types.gen.ts';
import { t, type Locale } from '../../src/i18n/index.ts';
import { verdictLabel } from '../../src/i18n/labels.ts';
import { analyzeStudy } from '../../src/lib/study-analysis.ts';
import { cardText } from '../../src/lib/verdict-text.ts';
import { formatDate, formatDelta, formatMetric } from '../../src/lib/format.ts';

/** Text from data inside markdown: no HTML, no table breaks, no emphasis or link syntax. */
export function mdText(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** Text from data as an inline code span: its own backticks and table pipes cannot end it. */
export function mdCode(s: string): string {
  return `\`${s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

export function studyReport(study: NormalizedStudy, runsById: Map<string, NormalizedRun>, locale: Locale, generatedAt: Date): string {
  const tt = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t(locale, k, p);
  const a = analyzeStudy(study, runsById);
  const baseline = a.columns.find((c) => c.isBaseline);
  const out: string[] = [];
  out.push(`# ${mdText(study.title)}`, '');
  out.push([study.model ? `${tt('report.model')}: **${mdText(study.model)}**` : undefined, `${tt('col.baseline')}: **${mdText(baseline?.name ?? study.baseline)}**`].filter(Boolean).join(' · '), '');
  if (study.example) out.push(`> ${tt('report.example')}`, '');
  if (a.cards.length) {
    out.push(`## ${tt('card.title')}`, '');
    for (const c of a.cards) {
      const text = cardText(c, locale);
      out.push(`### ${mdText(c.variant)}`, '');
      if (text.recovery) out.push(`**${text.recovery}** (${text.note}) — ${text.call}`, '');
      else out.push(tt('card.noRecovery'), '');
      for (const f of text.facts) out.push(`- ${f}`);
      out.push('');
    }
  }
  for (const cmp of a.comparisons) {
    out.push(`## ${tt('study.degradation.title', { variant: mdText(cmp.variant) })}`, '');
    out.push(`| ${tt('col.task')} | ${mdText(baseline?.name ?? '')} | ${mdText(cmp.variant)} | ${tt('col.delta')} | ${tt('col.ci')} | ${tt('col.verdict')} |`);
    out.push('|---|---:|---:|---:|---:|---|');
    for (const r of cmp.rows) {
      const ci = r.interval ? `[${formatDelta(locale, r.interval.low, r.metric.scale)}, ${formatDelta(locale, r.interval.high, r.metric.scale)}]` : '';
      out.push(`| ${mdText(r.task)} ${mdCode(r.metric.name)} | ${formatMetric(locale, { ...r.metric, value: r.baseline })} | ${formatMetric(locale, { ...r.metric, value: r.variant })} | ${formatDelta(locale, r.delta, r.metric.scale)} | ${ci} | ${tt(verdictLabel(r.verdict))} |`);
    }
    out.push('');
  }
  if (!a.comparisons.length) out.push(tt('study.noComparison'), '');
  out.push(`## ${tt('report.sources')}`, '');
  for (const c of a.columns) {
    const run = c.run;
    if (!run) continue;
    out.push(`- ${mdText(c.name)}: ${run.sources.map((s) => mdCode(s.path)).join(', ')}${run.timestamp ? ` (${formatDate(locale, run.timestamp)})` : ''}`);
  }
  out.push('', `_${tt('report.generated', { date: formatDate(locale, generatedAt.toISOString()) })}_`, '');
  return out.join('\n');
}
