/**
 * The decision card's sentences in the page's language, shared by the study page and the markdown
 * report (scripts/export), so both say the same thing with the same numbers.
 */
import { t, type Locale } from '../i18n/index.ts';
import { speedLabel } from '../i18n/labels.ts';
import { formatNumber, formatPercent, formatSignedPercent } from './format.ts';
import type { VerdictCard } from './verdict-card.ts';

export interface CardText {
  recovery?: string;
  note?: string;
  call?: string;
  /** Worse / better / within noise / untested, flips, speed-up, memory: the card's list. */
  facts: string[];
}

export function cardText(c: VerdictCard, locale: Locale): CardText {
  const tt = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t(locale, k, p);
  const facts = [tt('card.verdicts', { worse: formatNumber(locale, c.verdicts.worse), better: formatNumber(locale, c.verdicts.better), noise: formatNumber(locale, c.verdicts.withinNoise), unknown: formatNumber(locale, c.verdicts.unknown) })];
  if (c.flips) facts.push(tt('card.flips', { lost: formatNumber(locale, c.flips.lost), gained: formatNumber(locale, c.flips.gained), pairs: formatNumber(locale, c.flips.pairs) }));
  for (const { task, decision: d } of c.sequential ?? []) {
    facts.push(tt('card.sequential', { task, call: tt(`sequential.${d.call}`), n: formatNumber(locale, d.decidedAt ?? d.n), of: formatNumber(locale, d.of), margin: formatPercent(locale, d.margin, 1), low: formatPercent(locale, d.interval.low, 1), high: formatPercent(locale, d.interval.high, 1) }));
  }
  for (const d of c.tokens ?? []) {
    const ppl = d.pplChange === undefined ? undefined : formatSignedPercent(locale, d.pplChange);
    if (d.klMean !== undefined) facts.push(tt('card.tokens', { task: d.task, ppl: ppl ?? '—', kl: formatNumber(locale, d.klMean, 3), p99: formatNumber(locale, d.klP99, 3), top: formatPercent(locale, d.sameTop, 1) }));
    else if (ppl) facts.push(tt('card.ppl', { task: d.task, ppl }));
  }
  if (c.speedup) facts.push(tt('card.speedup', { ratio: formatNumber(locale, c.speedup.ratio, 2), basis: tt(speedLabel(c.speedup.basis)) }));
  if (c.memory) facts.push(tt('card.memory', { ratio: formatPercent(locale, c.memory.ratio, 0) }));
  if (!c.recovery) return { facts };
  return {
    recovery: tt('card.recovery', { value: formatPercent(locale, c.recovery.mean, 1) }),
    note: tt('card.recovery.note', { n: formatNumber(locale, c.tasks.length), low: formatPercent(locale, c.recovery.interval.low, 1), high: formatPercent(locale, c.recovery.interval.high, 1) }),
    call: c.call === 'inconclusive' ? tt('card.call.inconclusive', { gate: formatPercent(locale, c.gate, 0), mde: formatPercent(locale, c.detectable ?? 0, 1) }) : tt(c.call === 'pass' ? 'card.call.pass' : 'card.call.fail', { gate: formatPercent(locale, c.gate, 0) }),
    facts,
  };
}
