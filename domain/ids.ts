/** URL-safe ids for runs, studies and tasks: lowercase, [a-z0-9._-], at most 80 characters. */
export function slug(s: string): string {
  const out = s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/-+$/, '').slice(0, 80);
  return out || 'run';
}
