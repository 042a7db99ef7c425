/**
 * The compare page: pick 2–8 runs (the first is the baseline), see their scores side by side with
 * intervals, each run's change against the baseline with its test, the examples that flipped, and
 * what else differs. The selection lives in the URL (`?runs=a,b,c`), so a comparison is a link.
 * Scores and tests from reported numbers show at once; paired tests follow when the worker has
 * fetched the examples.
 */
import { hasEveryWord, queryWords } from '../../lib/query-words.ts';
import type { Metric, TaskComparison } from '../../../schemas/types.gen.ts';
import type { CompareIndexEntry, CompareRun } from '../../lib/compare-data.ts';
import { COMPARE_MAX, COMPARE_MIN } from '../../lib/compare-data.ts';
import { formatChange, formatMetric, formatNumber } from '../../lib/format.ts';
import { isLocale, type Locale } from '../../i18n/index.ts';
import { runLabel } from '../../lib/run-distinction.ts';
import { isObj } from '../../../domain/guards.ts';
import { looksLikeRunId } from '../../../domain/ids.ts';
import { el, fill, stringsOf } from '../dom.ts';
import { makeSortable } from '../sortable.ts';
import { compareModel, type CompareResult, type CompareRow } from './model.ts';
import type { FromCompareWorker, ToCompareWorker } from './worker.ts';

const PICK_LIMIT = 40;

export function parseSelection(search: string, known: Pick<ReadonlySet<string>, 'has'>): string[] {
  const raw = new URLSearchParams(search).get('runs') ?? '';
  const out: string[] = [];
  for (const id of raw.split(',')) if (known.has(id) && !out.includes(id) && out.length < COMPARE_MAX) out.push(id);
  return out;
}

/** Does the run match every word of the query (model, variant, folder, id, dialect)? */
export function matchesQuery(r: CompareIndexEntry, q: string): boolean {
  const hay = [r.model, r.variant, r.where, r.id, r.dialect].filter(Boolean).join(' ').toLowerCase();
  return hasEveryWord(hay, queryWords(q));
}

// The data files are the build's own; the guards keep a stale or truncated file from breaking the page.
function isIndexEntry(x: unknown): x is CompareIndexEntry {
  return isObj(x) && typeof x.id === 'string' && typeof x.model === 'string' && typeof x.tasks === 'number';
}
function isCompareRun(x: unknown): x is CompareRun {
  return isObj(x) && typeof x.id === 'string' && typeof x.model === 'string' && Array.isArray(x.tasks);
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

export function mountCompare(root: HTMLElement): void {
  const s = stringsOf(root);
  const locale: Locale = isLocale(root.dataset.locale) ? root.dataset.locale : 'en';
  const data = root.dataset.data ?? '';
  const runHref = root.dataset.runHref ?? '';
  const flipsHref = root.dataset.flipsHref ?? '';
  const nf = (v: number) => formatNumber(locale, v);
  const plural = new Intl.PluralRules(document.documentElement.lang);

  const search = el('input', { type: 'search', placeholder: s.search ?? '', 'aria-label': s.search ?? '', 'data-testid': 'compare-search' });
  const matches = el('ul', { class: 'matches', 'data-testid': 'compare-matches' });
  const chosen = el('ol', { class: 'chosen', 'data-testid': 'compare-chosen' });
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'compare-status' }, s.loading ?? '');
  const results = el('div', { class: 'results', 'data-testid': 'compare-results' });
  // Finding runs to add is folded away when the address already names a comparison (on a phone the
  // results would otherwise start two screens down).
  const adding = el('details', { class: 'adding', 'data-testid': 'compare-adding' }, el('summary', {}, s.addRuns ?? ''), el('p', { class: 'muted' }, s.pickHelp ?? ''), search, matches);
  root.querySelector('[data-compare-mount]')?.replaceWith(
    el('section', { class: 'picker', 'aria-labelledby': 'compare-pick' }, el('h2', { id: 'compare-pick' }, s.pick ?? ''), chosen, adding),
    status,
    results,
  );

  let index: CompareIndexEntry[] = [];
  let byId = new Map<string, CompareIndexEntry>();
  let selected: string[] = [];
  const runs = new Map<string, CompareRun>();
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  let seq = 0;

  function setSelection(ids: string[]): void {
    selected = ids.slice(0, COMPARE_MAX);
    // Run ids are URL-safe: the commas stay commas, so the link reads as it is.
    const p = new URLSearchParams(location.search);
    p.delete('runs');
    const query = [selected.length ? `runs=${selected.map(encodeURIComponent).join(',')}` : '', p.toString()].filter(Boolean).join('&');
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
    renderChosen();
    renderMatches();
    void refresh();
  }

  function renderChosen(): void {
    chosen.replaceChildren(
      ...selected.map((id, i) => {
        // Before the index is in, a run is named by its id (the list has its final height at once).
        const r = byId.get(id) ?? { model: id };
        const li = el('li', { 'data-id': id }, el('span', { class: 'name' }, runLabel(r)), ' ', el('span', { class: 'muted' }, i === 0 ? (s.baseline ?? '') : ''));
        if (i > 0) {
          const b = el('button', { type: 'button', 'data-action': 'baseline' }, s.makeBaseline ?? '');
          b.addEventListener('click', () => setSelection([id, ...selected.filter((x) => x !== id)]));
          li.append(' ', b);
        }
        const rm = el('button', { type: 'button', 'data-action': 'remove', 'aria-label': fill(s.remove ?? '', { run: runLabel(r) }) }, '×');
        rm.addEventListener('click', () => setSelection(selected.filter((x) => x !== id)));
        li.append(' ', rm);
        return li;
      }),
    );
  }

  function renderMatches(): void {
    const q = search.value.trim();
    const hits = index.filter((r) => !selected.includes(r.id) && matchesQuery(r, q));
    const full = selected.length >= COMPARE_MAX;
    matches.replaceChildren(
      ...hits.slice(0, PICK_LIMIT).map((r) => {
        const b = el('button', { type: 'button', 'data-id': r.id }, '+');
        b.disabled = full;
        b.setAttribute('aria-label', fill(s.add ?? '', { run: runLabel(r) }));
        b.addEventListener('click', () => setSelection([...selected, r.id]));
        const facts = [r.dialect, fill((plural.select(r.tasks) === 'one' ? s.tasksOne : s.tasks) ?? '', { n: nf(r.tasks) }), r.withExamples ? fill(s.withExamples ?? '', { n: nf(r.withExamples) }) : ''].filter(Boolean).join(' · ');
        return el('li', {}, b, ' ', el('span', {}, runLabel(r)), ' ', el('span', { class: 'muted' }, facts));
      }),
      ...(hits.length > PICK_LIMIT ? [el('li', { class: 'muted' }, fill(s.more ?? '', { n: nf(hits.length - PICK_LIMIT) }))] : []),
    );
  }

  async function refresh(): Promise<void> {
    const mine = ++seq;
    results.replaceChildren();
    if (selected.length < COMPARE_MIN) {
      status.textContent = s.pickMore ?? '';
      return;
    }
    status.textContent = s.loading ?? '';
    try {
      await Promise.all(
        selected.filter((id) => !runs.has(id)).map(async (id) => {
          const run = await getJson(`${data}runs/${id}.json`);
          if (!isCompareRun(run)) throw new Error(`${data}runs/${id}.json: not a run`);
          runs.set(id, run);
        }),
      );
    } catch (err) {
      status.textContent = fill(s.error ?? '', { message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (mine !== seq) return;
    const chosenRuns = selected.map((id) => runs.get(id)!);
    render(chosenRuns, compareModel(chosenRuns), false);
    const message: ToCompareWorker = { type: 'compare', seq: mine, runs: chosenRuns };
    worker.postMessage(message);
  }

  worker.onmessage = (e: MessageEvent<FromCompareWorker>) => {
    const m = e.data;
    if (m.seq !== seq) return;
    if (m.type === 'progress') status.textContent = m.total ? fill(s.pairing ?? '', { loaded: nf(m.loaded), total: nf(m.total) }) : '';
    else if (m.type === 'error') status.textContent = fill(s.error ?? '', { message: m.message });
    else {
      status.textContent = m.pairedTasks ? fill(s.paired ?? '', { n: nf(m.pairedTasks) }) : (s.notPaired ?? '');
      render(selected.map((id) => runs.get(id)!), m.result, true);
    }
  };

  function render(chosenRuns: CompareRun[], result: CompareResult, final: boolean): void {
    results.replaceChildren(resultsTable(chosenRuns, result), ...environmentTable(chosenRuns, result));
    results.dataset.final = String(final);
  }

  function head(r: CompareRun, i: number): HTMLElement {
    const th = el('th', { scope: 'col' }, el('a', { href: `${runHref}${r.id}/` }, r.model));
    const sub = [r.variant && r.variant !== r.model ? r.variant : '', r.where ?? ''].filter(Boolean).join(' · ');
    if (sub) th.append(el('div', { class: 'muted' }, sub));
    if (r.example) th.append(' ', el('span', { class: r.example.illustrative ? 'badge warn' : 'badge', title: r.example.note ?? '' }, r.example.illustrative ? (s.illustrative ?? '') : (s.example ?? '')));
    if (i === 0) th.append(el('div', { class: 'muted' }, s.baseline ?? ''));
    return th;
  }

  const fmtMetric = (m: Pick<Metric, 'value' | 'scale' | 'raw'>) => formatMetric(locale, m);
  const fmtChange = (v: number, scale: Metric['scale']) => formatChange(locale, v, scale, s.pp ?? 'pp');

  function comparisonCell(row: CompareRow, c: TaskComparison, variant: CompareRun, base: CompareRun): HTMLElement {
    const box = el('div', { class: `change v-${c.verdict}`, 'data-testid': 'compare-change' });
    const iv = c.intervalAdjusted ?? c.interval;
    box.append(el('span', { class: 'delta' }, fmtChange(c.delta, row.metric.scale)));
    if (iv) box.append(' ', el('span', { class: 'ci' }, `[${fmtChange(iv.low, row.metric.scale)}, ${fmtChange(iv.high, row.metric.scale)}]`));
    box.append(' ', el('span', { class: 'verdict' }, s[`verdict.${c.verdict}`] ?? c.verdict));
    const p = c.pAdjusted ?? c.p;
    const how = [fill(s[`method.${c.method}`] ?? c.method, { n: nf(c.n?.paired ?? 0) }), p !== undefined ? `p = ${p < 0.001 ? '< 0.001' : formatNumber(locale, p, 3)}${c.pAdjusted !== undefined ? ` (${s.holm ?? 'Holm'})` : ''}` : ''].filter(Boolean).join('; ');
    box.append(el('div', { class: 'muted how', 'data-testid': 'compare-method', 'data-method': c.method }, how));
    const d = c.n?.discordant;
    if (d && (d[0]! > 0 || d[1]! > 0)) {
      const q = new URLSearchParams({ a: base.id, b: variant.id, task: row.task });
      box.append(el('div', {}, el('a', { href: `${flipsHref}?${q}`, 'data-testid': 'compare-flips' }, fill(s.flips ?? '', { lost: nf(d[0]!), gained: nf(d[1]!) }))));
    }
    return box;
  }

  function resultsTable(chosenRuns: CompareRun[], result: CompareResult): HTMLElement {
    const [base] = chosenRuns;
    const thead = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, s.task ?? ''), ...chosenRuns.map(head)));
    const tbody = el('tbody');
    for (const row of result.rows) {
      const tr = el('tr', row.isGroup ? { class: 'group' } : {});
      tr.append(el('th', { scope: 'row' }, row.task, el('div', { class: 'muted' }, row.metric.filter && row.metric.filter !== 'none' ? `${row.metric.name}, ${row.metric.filter}` : row.metric.name)));
      row.cells.forEach((cell, i) => {
        const td = el('td', { class: 'num' });
        if (!cell) td.append('—');
        else {
          td.append(el('span', { class: 'value' }, fmtMetric(cell.metric)));
          if (cell.interval) td.append(el('div', { class: 'muted ci' }, `[${fmtMetric({ ...cell.metric, value: cell.interval.low })}, ${fmtMetric({ ...cell.metric, value: cell.interval.high })}]${cell.stderrComputed ? ' *' : ''}`));
          if (cell.n !== undefined) td.append(el('div', { class: 'muted' }, `n = ${nf(cell.n)}`));
          const c = row.comparisons[i];
          if (i > 0 && c && base) td.append(comparisonCell(row, c, chosenRuns[i]!, base));
        }
        tr.append(td);
      });
      tbody.append(tr);
    }
    const summary = el('tr', { class: 'summary' }, el('th', { scope: 'row' }, s.summary ?? ''));
    chosenRuns.forEach((_, i) => {
      if (i === 0) return summary.append(el('td'));
      const cs = result.rows.map((r) => r.comparisons[i]).filter((c): c is TaskComparison => !!c && c.family === 'task');
      const count = (v: TaskComparison['verdict']) => cs.filter((c) => c.verdict === v).length;
      const line = cs.length ? fill(s.summaryLine ?? '', { better: nf(count('better')), worse: nf(count('worse')), noise: nf(count('within-noise')), untested: nf(count('unknown')) }) : (s.nothingShared ?? '');
      summary.append(el('td', { 'data-testid': 'compare-summary' }, line));
    });
    const table = el('table', { 'data-testid': 'compare-table' }, el('caption', {}, s.caption ?? ''), thead, tbody, el('tfoot', {}, summary));
    makeSortable(table);
    return el('div', { class: 'table-wrap' }, table, el('p', { class: 'muted' }, s.footnote ?? ''));
  }

  function environmentTable(chosenRuns: CompareRun[], result: CompareResult): HTMLElement[] {
    const h = el('h2', {}, s.environment ?? '');
    if (!result.environment.length) return [h, el('p', { class: 'muted', 'data-testid': 'compare-env-same' }, s.environmentSame ?? '')];
    const rows = result.environment.map((r) =>
      el('tr', r.kind === 'invalidates' ? { class: 'invalidates' } : {}, el('th', { scope: 'row' }, r.field, r.kind === 'invalidates' ? el('div', { class: 'warn' }, s.invalidates ?? '') : null), ...r.values.map((v, i) => el('td', i > 0 && v !== r.values[0] ? { class: 'differs' } : {}, v))),
    );
    const table = el('table', { 'data-testid': 'compare-env' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, s.field ?? ''), ...chosenRuns.map((r) => el('th', { scope: 'col' }, runLabel(r))))), el('tbody', {}, ...rows));
    makeSortable(table);
    return [h, el('div', { class: 'table-wrap' }, table)];
  }

  search.addEventListener('input', renderMatches);
  selected = parseSelection(location.search, { has: looksLikeRunId });
  adding.open = selected.length < COMPARE_MIN;
  renderChosen();
  getJson(`${data}index.json`)
    .then((list) => {
      index = Array.isArray(list) ? list.filter(isIndexEntry) : [];
      byId = new Map(index.map((r) => [r.id, r]));
      setSelection(parseSelection(location.search, new Set(byId.keys())));
    })
    .catch((err: unknown) => (status.textContent = fill(s.error ?? '', { message: err instanceof Error ? err.message : String(err) })));
}
