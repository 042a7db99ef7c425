/**
 * The search page's "models, studies and runs" list: matches what is typed in the full-text search
 * box against every model id, study and run (src/lib/search-entities.ts), and offers to compare
 * the runs found.
 */
import { COMPARE_MAX, COMPARE_MIN } from '../lib/compare-data.ts';
import { matchEntities, type SearchEntity } from '../lib/search-entities.ts';
import { el, fill, stringsOf } from './dom.ts';
import { isObj } from '../../domain/guards.ts';

const SHOWN = 25;
const isEntity = (x: unknown): x is SearchEntity => isObj(x) && typeof x.kind === 'string' && typeof x.path === 'string' && typeof x.label === 'string' && typeof x.text === 'string';

export function mountEntitySearch(root: HTMLElement, input: () => HTMLInputElement | null): void {
  const s = stringsOf(root);
  const base = root.dataset.href ?? '';
  const list = el('ul', { 'data-testid': 'entity-results' });
  const note = el('p', { class: 'muted' });
  root.append(list, note);
  let entities: SearchEntity[] = [];
  // With a query in the address the box is shown at once, before its list is in: it then fills
  // in place instead of appearing above results already drawn.
  if (new URLSearchParams(location.search).get('q')?.trim()) root.hidden = false;
  const render = (q: string) => {
    const hits = matchEntities(entities, q);
    root.hidden = !q.trim();
    list.replaceChildren(...hits.slice(0, SHOWN).map((e) => el('li', {}, el('span', { class: `kind kind-${e.kind}` }, s[`kind.${e.kind}`] ?? e.kind), ' ', el('a', { href: `${base}${e.path}` }, e.label))));
    note.replaceChildren(hits.length ? '' : (s.none ?? ''));
    if (hits.length > SHOWN) note.append(fill(s.more ?? '', { n: new Intl.NumberFormat(document.documentElement.lang).format(hits.length - SHOWN) }));
    const runs = hits.flatMap((e) => (e.runId ? [e.runId] : []));
    if (runs.length >= COMPARE_MIN && runs.length <= COMPARE_MAX) note.append(' ', el('a', { href: `${base}compare/?runs=${runs.map(encodeURIComponent).join(',')}`, 'data-testid': 'entity-compare' }, fill(s.compare ?? '', { n: runs.length })));
  };
  fetch(root.dataset.src ?? '')
    .then((r) => r.json())
    .then((data: unknown) => {
      entities = Array.isArray(data) ? data.filter(isEntity) : [];
      const box = input();
      render(box?.value || new URLSearchParams(location.search).get('q') || '');
      // The full-text box is created by its own script; listen on the document for its input.
      document.addEventListener('input', (e) => {
        if (e.target instanceof HTMLInputElement && e.target.closest('#search')) render(e.target.value);
      });
    })
    .catch(() => (root.hidden = true));
}
