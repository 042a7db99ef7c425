/**
 * The examples browser and the flips view on the page: controls, URL state (filter, search, page,
 * opened example: a shareable deep link), and rendering. Every piece of data is put into the page
 * with textContent, never as HTML.
 */
import { diffWords, matchRanges, snippetOf, transcriptOf, type DiffPart } from './text.ts';
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import { ExampleSet, type Flip, type MetricInfo, type PageResult, type Query } from './model.ts';
import { fetchFirstShard, type FirstShard } from './load-shards.ts';
import type { FromWorker, ToWorker } from './worker.ts';
import { EXAMPLE_STATUS_VALUES } from '../../../schemas/types.gen.ts';
import { el, fill, stringsOf } from '../dom.ts';

type Strings = Record<string, string>;
const PAGE_SIZE = 50;


/** The response with the extracted answer wrapped in <mark>. */
export function markedText(text: string, extracted?: string | null, span?: number[]): Node[] {
  let [start, end] = span && span.length === 2 ? (span as [number, number]) : [-1, -1];
  if (start < 0 && extracted) {
    start = text.lastIndexOf(extracted);
    end = start + extracted.length;
  }
  if (start < 0 || end > text.length || start >= end) return [document.createTextNode(text)];
  return [document.createTextNode(text.slice(0, start)), el('mark', {}, text.slice(start, end)), document.createTextNode(text.slice(end))];
}

/** `indexes`: the example index URLs when the page's address names them (compare flips), else read from the mount point. */
export function mountBrowser(root: HTMLElement, indexes?: Promise<{ indexes: string[]; title: string }>): void {
  const strings: Strings = stringsOf(root);
  const mode = root.dataset.mode === 'flips' ? 'flips' : 'single';
  const filters: string[] = mode === 'flips' ? ['all', 'lost', 'gained', 'unscorable'] : ['all', ...EXAMPLE_STATUS_VALUES];
  const nf = new Intl.NumberFormat(document.documentElement.lang);
  const params = new URLSearchParams(location.search);
  const state = { filter: filters.includes(params.get('filter') ?? '') ? params.get('filter')! : 'all', q: params.get('q') ?? '', page: Number(params.get('page') ?? 1) || 1, ex: params.get('ex') ?? '', sort: params.get('sort') ?? '', ranges: parseRanges(params.getAll('r')) };

  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' }, strings.loading ?? '');
  const search = el('input', { type: 'search', placeholder: strings.search ?? '', 'aria-label': strings.search ?? '', 'data-testid': 'search' });
  search.value = state.q;
  const filterBar = el('div', { class: 'filters', role: 'group', 'aria-label': strings.filter ?? '' });
  const initialCounts = countsOf(root.dataset.counts);
  const filterButtons = new Map<string, HTMLButtonElement>();
  for (const f of filters) {
    // Labelled at once, with the counts the page knows (the real ones come with the shards): a button
    // that grew when its count came would move everything below it on a narrow screen.
    const known = !state.q && initialCounts.has(f) ? ` (${nf.format(initialCounts.get(f)!)})` : ' (…)';
    const b = el('button', { type: 'button', 'data-filter': f, 'aria-pressed': String(f === state.filter) }, `${strings[`filter.${f}`] ?? f}${known}`);
    filterButtons.set(f, b);
    filterBar.append(b);
  }
  const list = el('ol', { class: 'rows', 'data-testid': 'rows' });
  // Order and metric ranges (one run's examples only). The ranges sit in a closed <details> until
  // opened, so filling them in when the shards are in moves nothing on the page.
  const sortSelect = el('select', { 'aria-label': strings.sort ?? '', 'data-testid': 'sort' });
  const sortOptions = (metrics: MetricInfo[]) => {
    const options: [string, string][] = [['', strings['sort.file'] ?? ''], ['id', strings['sort.id'] ?? ''], ['status', strings['sort.status'] ?? ''], ['length', strings['sort.length'] ?? ''], ['-length', strings['sort.lengthDesc'] ?? '']];
    for (const m of metrics) options.push([`metric:${m.name}`, fill(strings['sort.metric'] ?? '', { metric: m.name })], [`-metric:${m.name}`, fill(strings['sort.metricDesc'] ?? '', { metric: m.name })]);
    // A deep-linked metric order is kept until the metrics are known.
    if (state.sort && !options.some(([v]) => v === state.sort)) options.push([state.sort, state.sort]);
    sortSelect.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
    sortSelect.value = state.sort;
  };
  sortOptions([]);
  const rangesBody = el('div', { class: 'ranges-body' }, strings.loading ?? '');
  const ranges = el('details', { class: 'ranges', 'data-testid': 'ranges' }, el('summary', {}, strings.ranges ?? ''), rangesBody);
  if (state.ranges.length) ranges.open = true;
  // What the row's parts are: outcome, id, question and, at the right, extracted answer / reference.
  const head = el('div', { class: 'row-head', 'aria-hidden': 'true' }, el('span', {}, [strings['col.status'], strings['col.id'], strings['col.question']].join(' · ')), el('span', { class: 'answer-head' }, strings.answerColumn ?? ''));
  const pager = el('nav', { class: 'pager', 'aria-label': strings.pages ?? '' });
  const detail = el('section', { class: 'detail', 'data-testid': 'detail', hidden: '' });
  const empty = el('p', { class: 'empty', 'data-testid': 'empty', hidden: '' });
  // List and detail side by side on wide screens (CSS), the detail below on narrow ones.
  const panes = el('div', { class: 'panes' }, el('div', { class: 'list-pane' }, head, list, empty, pager), detail);
  const order = mode === 'single' ? el('label', { class: 'order' }, `${strings.sort ?? ''} `, sortSelect) : null;
  root.append(el('div', { class: 'controls' }, filterBar, search, order), mode === 'single' ? ranges : '', status, panes);
  let rows: (ExampleRecord | Flip)[] = [];
  let stepping = false;

  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  let seq = 0;
  let lastShown = 0;
  let progress = { loaded: 0, total: 0, done: false };

  const send = (m: ToWorker) => worker.postMessage(m);
  // Queries wait until the worker has been told what to load (the page may fetch the first shard first).
  let loadSent = false;
  let queryWaiting = false;
  const load = (m: Extract<ToWorker, { type: 'load' }>) => {
    send(m);
    loadSent = true;
    if (queryWaiting) query();
  };
  const syncUrl = () => {
    const p = new URLSearchParams(location.search);
    const set = (k: string, v: string, dflt: string) => (v && v !== dflt ? p.set(k, v) : p.delete(k));
    set('filter', state.filter, 'all');
    set('q', state.q, '');
    set('page', String(state.page), '1');
    set('ex', state.ex, '');
    set('sort', state.sort, '');
    p.delete('r');
    for (const [name, lo, hi] of state.ranges) p.append('r', `${name}:${lo ?? ''}:${hi ?? ''}`);
    history.replaceState(null, '', `${location.pathname}${p.size ? `?${p}` : ''}${location.hash}`);
  };
  const currentQuery = (): Query => ({ filter: state.filter, q: state.q, page: state.page, pageSize: PAGE_SIZE, sort: state.sort, ranges: state.ranges });
  const query = () => {
    queryWaiting = !loadSent;
    if (loadSent) send({ type: 'query', seq: ++seq, query: currentQuery() });
  };
  // The first page from the first shard, here on the page, while the worker is still starting.
  const showFirst = ({ index, batch }: FirstShard) => {
    if (!batch || progress.loaded) return;
    const set = new ExampleSet();
    set.add(batch.records, batch.promptPrefix);
    progress = { loaded: batch.records.length, total: index.count, done: false };
    lastShown = performance.now();
    render(set.query(currentQuery()));
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === 'error') {
      status.textContent = fill(strings.error ?? '{message}', { message: m.message });
      return;
    }
    if (m.type === 'progress') {
      const first = progress.loaded === 0;
      progress = m;
      if (m.done && m.metrics) {
        sortOptions(m.metrics);
        rangeControls(m.metrics.filter((x) => x.continuous));
      }
      // Re-query on the first shard, then at most every 300 ms, and once when all are in.
      if (first || m.done || performance.now() - lastShown > 300) query();
      return;
    }
    if (m.type === 'result' && m.seq === seq) {
      lastShown = performance.now();
      render(m.result as PageResult<ExampleRecord | Flip>);
      // A flip exists once both runs are in: a deep-linked one is asked for then.
      if (state.ex && detail.hidden && (mode !== 'flips' || progress.done)) send({ type: 'get', seq, id: state.ex });
    }
    if (m.type === 'example') showDetail(m.example as ExampleRecord | Flip | undefined);
  };

  function render(r: PageResult<ExampleRecord | Flip>): void {
    // While shards still come in, a page asked for (a deep link to page 3) may not exist yet: keep
    // asking for it rather than settle on the last page of what is in so far.
    if (progress.done) state.page = r.page;
    for (const [f, b] of filterButtons) {
      b.textContent = `${strings[`filter.${f}`] ?? f} (${nf.format(r.counts[f] ?? 0)})`;
      b.setAttribute('aria-pressed', String(f === state.filter));
    }
    const loading = progress.done ? '' : ` ${fill(strings.loaded ?? '', { loaded: nf.format(progress.loaded), total: nf.format(progress.total) })}`;
    status.textContent = fill(strings.matched ?? '{matched}', { matched: nf.format(r.matched), total: nf.format(r.total) }) + loading;
    rows = r.rows;
    list.replaceChildren(...r.rows.map((row) => rowItem(row)));
    markSelected();
    // An empty result says why and offers the way back.
    const filtered = state.filter !== 'all' || state.q !== '' || state.ranges.length > 0;
    empty.hidden = r.matched > 0 || !progress.done;
    if (r.matched === 0 && progress.done) {
      const clear = el('button', { type: 'button', 'data-testid': 'clear' }, strings.clear ?? 'clear');
      clear.addEventListener('click', () => {
        state.filter = 'all';
        state.q = '';
        search.value = '';
        state.ranges = [];
        for (const input of rangesBody.querySelectorAll('input')) input.value = '';
        state.page = 1;
        query();
      });
      empty.replaceChildren(fill(filtered ? (strings.emptyFiltered ?? '') : (strings.emptyNone ?? ''), { q: state.q, filter: strings[`filter.${state.filter}`] ?? state.filter }), ' ', filtered ? clear : '');
    }
    pager.replaceChildren(
      pagerButton(strings.prev ?? '‹', r.page > 1, () => go(r.page - 1)),
      el('span', {}, fill(strings.page ?? '{page}/{pages}', { page: nf.format(r.page), pages: nf.format(r.pages) })),
      pagerButton(strings.next ?? '›', r.page < r.pages, () => go(r.page + 1)),
    );
    syncUrl();
  }

  function pagerButton(label: string, enabled: boolean, onClick: () => void): HTMLButtonElement {
    const b = el('button', { type: 'button' }, label);
    b.disabled = !enabled;
    b.addEventListener('click', onClick);
    return b;
  }

  function go(page: number): void {
    state.page = page;
    query();
    list.focus();
  }

  function badge(s: string): HTMLElement {
    return el('span', { class: `st st-${s}` }, strings[`filter.${s}`] ?? s);
  }

  function rowItem(row: ExampleRecord | Flip): HTMLLIElement {
    const isFlip = 'direction' in row;
    const r = isFlip ? row.variant : row;
    const snippet = snippetOf(r.prompt ?? r.response ?? '');
    const button = el(
      'button',
      { type: 'button', class: 'row', 'data-id': row.id },
      badge(isFlip ? row.direction : r.status),
      el('code', { class: 'id' }, row.id),
      el('span', { class: 'snippet' }, ...highlighted(snippet)),
      r.extracted !== undefined || r.reference !== undefined ? el('span', { class: 'answer', title: strings.answerColumn ?? '' }, `${r.extracted ?? '∅'} / ${r.reference ?? '—'}`) : null,
    );
    button.addEventListener('click', () => open(row.id));
    return el('li', {}, button);
  }

  function open(id: string): void {
    state.ex = id;
    send({ type: 'get', seq, id });
    syncUrl();
    markSelected();
  }

  function markSelected(): void {
    for (const b of list.querySelectorAll<HTMLButtonElement>('button.row')) {
      if (b.dataset.id === state.ex) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
  }

  /** The next (+1) or previous (-1) row of the page from the opened one; at the page's edge, the next page. */
  function step(dir: 1 | -1): void {
    const at = rows.findIndex((r) => r.id === state.ex);
    const next = at === -1 ? (dir === 1 ? 0 : rows.length - 1) : at + dir;
    if (next >= 0 && next < rows.length) {
      open(rows[next]!.id);
      list.querySelector<HTMLButtonElement>(`button.row[aria-current="true"]`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Text with the search term marked (the query is matched as text, never as a pattern). */
  function highlighted(text: string): (Node | string)[] {
    const ranges = matchRanges(text, state.q);
    if (!ranges.length) return [text];
    const out: (Node | string)[] = [];
    let at = 0;
    for (const [s, e] of ranges) {
      out.push(text.slice(at, s), el('mark', { class: 'hit' }, text.slice(s, e)));
      at = e;
    }
    out.push(text.slice(at));
    return out;
  }

  function block(title: string, content: (Node | string)[] | string | undefined | null): HTMLElement | null {
    if (content === undefined || content === null || content === '') return null;
    return el('div', { class: 'block' }, el('h4', {}, title), el('pre', {}, ...(typeof content === 'string' ? [content] : content)));
  }

  /** A chat prompt as a transcript by role, plain text as it is; search terms marked. */
  function promptBlock(prompt: string | undefined): HTMLElement | null {
    if (!prompt) return null;
    const turns = transcriptOf(prompt);
    if (!turns) return block(strings.prompt ?? 'prompt', highlighted(prompt));
    return el('div', { class: 'block transcript' }, el('h4', {}, strings.prompt ?? 'prompt'), ...turns.map((t) => el('div', { class: `turn role-${t.role.replace(/[^a-z]/g, '')}` }, el('span', { class: 'role' }, t.role), el('pre', {}, ...highlighted(t.content)))));
  }

  /** A flip: the prompt and reference once, the two responses side by side with their differences marked. */
  function flipView(f: Flip): HTMLElement {
    const [base, variant] = diffWords(f.baseline.response ?? '', f.variant.response ?? '');
    const side = (r: ExampleRecord, parts: DiffPart[], title: string | undefined) =>
      el(
        'div',
        { class: 'record' },
        el('h3', {}, title ?? ''),
        el('p', {}, badge(r.status)),
        r.reason ? el('p', { class: 'reason' }, `${strings.reason ?? ''}: `, r.reason) : null,
        block(strings.responseDiff ?? 'response', parts.map((p) => (p.changed ? el('ins', { class: 'diff' }, p.text) : p.text))),
        block(strings.extracted ?? 'extracted', r.extracted === undefined ? undefined : (r.extracted ?? '∅')),
      );
    return el(
      'div',
      { class: 'flip' },
      promptBlock(f.baseline.prompt ?? f.variant.prompt),
      block(strings.reference ?? 'reference', f.baseline.reference ?? f.variant.reference),
      el('div', { class: 'side-by-side' }, side(f.baseline, base, strings.baseline), side(f.variant, variant, strings.variant)),
    );
  }

  function recordView(r: ExampleRecord, title?: string): HTMLElement {
    const metrics = r.metrics && Object.keys(r.metrics).length ? Object.entries(r.metrics).map(([k, v]) => `${k}: ${v}`).join('\n') : null;
    return el(
      'div',
      { class: 'record' },
      title ? el('h3', {}, title) : null,
      el('p', {}, badge(r.status), ' ', r.subject ? el('span', { class: 'muted' }, r.subject) : null),
      r.reason ? el('p', { class: 'reason' }, `${strings.reason ?? ''}: `, r.reason) : null,
      promptBlock(r.prompt),
      block(strings.response ?? 'response', r.response !== undefined ? markedText(r.response, r.extracted, r.extractedSpan) : undefined),
      block(strings.extracted ?? 'extracted', r.extracted === undefined ? undefined : (r.extracted ?? '∅')),
      block(strings.reference ?? 'reference', r.reference === undefined ? undefined : highlighted(r.reference)),
      block(strings.explanation ?? 'explanation', r.explanation),
      block(strings.metrics ?? 'metrics', metrics),
    );
  }

  function showDetail(x: ExampleRecord | Flip | undefined): void {
    if (!x) {
      state.ex = '';
      syncUrl();
      return;
    }
    const close = el('button', { type: 'button', class: 'close' }, strings.close ?? '×');
    close.addEventListener('click', hideDetail);
    const prev = el('button', { type: 'button', 'data-testid': 'prev-example', title: 'k' }, strings.prevExample ?? '↑');
    const next = el('button', { type: 'button', 'data-testid': 'next-example', title: 'j' }, strings.nextExample ?? '↓');
    prev.addEventListener('click', () => step(-1));
    next.addEventListener('click', () => step(1));
    const body = 'direction' in x ? flipView(x) : recordView(x);
    detail.replaceChildren(el('header', {}, el('h2', { tabindex: '-1' }, `${strings.example ?? ''} ${x.id}`), el('span', { class: 'nav' }, prev, next, close)), body);
    detail.hidden = false;
    panes.classList.add('open');
    markSelected();
    // Keyboard stepping keeps the focus where it is; a click moves it to the example.
    if (!stepping) detail.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }

  function hideDetail(): void {
    detail.hidden = true;
    panes.classList.remove('open');
    state.ex = '';
    syncUrl();
    markSelected();
  }

  function rangeControls(metrics: MetricInfo[]): void {
    if (!metrics.length) return void rangesBody.replaceChildren(strings['ranges.none'] ?? '');
    const fmt = new Intl.NumberFormat(document.documentElement.lang, { maximumSignificantDigits: 4 });
    rangesBody.replaceChildren(
      ...metrics.map((m) => {
        const given = state.ranges.find(([name]) => name === m.name);
        const input = (bound: 'min' | 'max', value: number | null | undefined) => {
          const i = el('input', { type: 'number', step: 'any', 'data-metric': m.name, 'data-bound': bound, placeholder: fmt.format(bound === 'min' ? m.min : m.max), 'aria-label': fill(strings[`ranges.${bound}`] ?? '', { metric: m.name }) });
          if (value !== null && value !== undefined) i.value = String(value);
          return i;
        };
        return el('div', { class: 'range', 'data-testid': 'range' }, el('span', { class: 'name' }, m.name), input('min', given?.[1]), '–', input('max', given?.[2]), el('span', { class: 'muted' }, fill(strings['ranges.extent'] ?? '', { min: fmt.format(m.min), max: fmt.format(m.max), n: nf.format(m.count) })));
      }),
    );
  }

  let rangeTimer: ReturnType<typeof setTimeout> | undefined;
  rangesBody.addEventListener('input', () => {
    clearTimeout(rangeTimer);
    rangeTimer = setTimeout(() => {
      const byMetric = new Map<string, [string, number | null, number | null]>();
      for (const input of rangesBody.querySelectorAll<HTMLInputElement>('input[data-metric]')) {
        const name = input.dataset.metric ?? '';
        const v = input.value.trim() === '' ? null : Number(input.value);
        const entry = byMetric.get(name) ?? [name, null, null];
        if (v !== null && Number.isFinite(v)) entry[input.dataset.bound === 'min' ? 1 : 2] = v;
        byMetric.set(name, entry);
      }
      state.ranges = [...byMetric.values()].filter(([, lo, hi]) => lo !== null || hi !== null);
      state.page = 1;
      query();
    }, 200);
  });
  sortSelect.addEventListener('change', () => {
    state.sort = sortSelect.value;
    state.page = 1;
    query();
  });

  filterBar.addEventListener('click', (e) => {
    const f = (e.target as HTMLElement).closest('button')?.dataset.filter;
    if (!f) return;
    state.filter = f;
    state.page = 1;
    query();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.q = search.value;
      state.page = 1;
      query();
    }, 150);
  });
  // j / k or the arrow keys step through the page's examples (not while typing in the search box);
  // Enter on a row opens it (it is a button); Escape closes the example.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !detail.hidden) return hideDetail();
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
    const dir = e.key === 'j' || e.key === 'ArrowDown' ? 1 : e.key === 'k' || e.key === 'ArrowUp' ? -1 : 0;
    if (!dir) return;
    e.preventDefault();
    stepping = true;
    step(dir);
    setTimeout(() => (stepping = false), 500);
  });

  const urls = (root.dataset.indexes ?? '').split(' ').filter(Boolean);
  if (!indexes && mode === 'single' && urls.length === 1) {
    // A worker takes 100–200 ms to start on a slow machine: the index and the first shard are
    // fetched here meanwhile (the page preloads the index), shown, and handed to the worker,
    // which goes on from the second shard. If they fail, the worker fetches them and says why.
    fetchFirstShard(urls[0]!)
      .then((first) => {
        showFirst(first);
        load({ type: 'load', indexes: urls, first });
      })
      .catch(() => load({ type: 'load', indexes: urls }));
  } else if (!indexes) load({ type: 'load', indexes: urls });
  else
    indexes
      .then((found) => {
        const what = document.querySelector('[data-flips-what]');
        if (what) what.textContent = found.title;
        load({ type: 'load', indexes: found.indexes });
      })
      .catch((err: unknown) => (status.textContent = fill(strings.error ?? '', { message: err instanceof Error ? err.message : String(err) })));
}

/** `r=<metric>:<low>:<high>` from the address (the metric name may itself hold colons); bad numbers are open bounds. */
export function parseRanges(values: string[]): [string, number | null, number | null][] {
  const out: [string, number | null, number | null][] = [];
  for (const v of values) {
    const hiAt = v.lastIndexOf(':');
    const loAt = hiAt > 0 ? v.lastIndexOf(':', hiAt - 1) : -1;
    if (loAt <= 0) continue;
    const num = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : null);
    const lo = num(v.slice(loAt + 1, hiAt));
    const hi = num(v.slice(hiAt + 1));
    if (lo !== null || hi !== null) out.push([v.slice(0, loAt), lo, hi]);
  }
  return out;
}

function countsOf(json: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  try {
    const v: unknown = JSON.parse(json ?? '{}');
    if (v && typeof v === 'object') for (const [k, n] of Object.entries(v)) if (typeof n === 'number') out.set(k, n);
  } catch {
    // No counts: the buttons wait for the shards.
  }
  return out;
}
