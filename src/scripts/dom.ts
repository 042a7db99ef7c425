/** The two DOM helpers every page script uses: data reaches the page as text nodes, never as HTML. */
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

/** The page's UI strings, put there by the server as a JSON island. */
export function stringsOf(root: ParentNode): Record<string, string> {
  const text = root.querySelector('script[type="application/json"][data-strings]')?.textContent ?? '{}';
  const parsed: unknown = JSON.parse(text);
  const out: Record<string, string> = {};
  if (parsed && typeof parsed === 'object') for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
  return out;
}
