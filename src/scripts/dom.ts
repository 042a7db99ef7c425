/** The DOM helpers page scripts share: data reaches the page as text nodes, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** A UI string with `{name}` placeholders filled. */
export function fill(s: string, params: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(params, k) ? String(params[k]) : m));
}

/** Puts values into the address without a new history entry; an empty value drops its key. */
export function setParams(values: Record<string, string>): void {
  const p = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) if (v) p.set(k, v); else p.delete(k);
  history.replaceState(null, '', `${location.pathname}${p.size ? `?${p}` : ''}${location.hash}`);
}

/** The page's UI strings, put there by the server as a JSON island. */
export function stringsOf(root: ParentNode): Record<string, string> {
  const text = root.querySelector('script[type="application/json"][data-strings]')?.textContent ?? '{}';
  const parsed: unknown = JSON.parse(text);
  const out: Record<string, string> = {};
  if (parsed && typeof parsed === 'object') for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
  return out;
}
