/** URL-safe ids for runs, studies and tasks: lowercase, [a-z0-9._-], at most 80 characters. */

/** Has the form `slug` gives ids (checked before an id from an address becomes part of a URL). */
export function looksLikeRunId(id: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,79}$/.test(id);
}

export function slug(s: string): string {
  // Skip to the first letter or digit and cut: names come from files, and the patterns below
  // must not see megabytes.
  let start = 0;
  while (start < s.length && !/[a-z0-9]/i.test(s[start]!)) start++;
  const out = s.slice(start, start + 160).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 80);
  let end = out.length;
  while (end > 0 && out[end - 1] === '-') end--;
  return out.slice(0, end) || 'run';
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable suffix that tells colliding slugs apart. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * Slugs for names that share one namespace (the tasks of a run): names that slug alike (gsm8k and
 * GSM8K) get a hash suffix after the first, so they never share files or pages.
 */
export function uniqueSlugs(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    if (out.has(name)) continue;
    let s = slug(name);
    if (used.has(s)) s = `${s.slice(0, 70)}-${shortHash(name)}`;
    for (let i = 2; used.has(s); i++) s = `${slug(name).slice(0, 70)}-${shortHash(name)}-${i}`;
    used.add(s);
    out.set(name, s);
  }
  return out;
}

/** The task's folder in an examples index path (`<run>/<task>/index.json`), which is also its page. */
export function exampleSlugOf(indexPath: string): string {
  return indexPath.split('/')[1] ?? 'task';
}
