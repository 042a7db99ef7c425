/**
 * The file a dev-server request for /data/examples/<path> may read: only files inside the examples
 * folder, named as shards and indexes are (`<run>/<task>/index.json`, `NNNN-<hash>.json.gz`). Encoded
 * separators, dot segments, NUL and malformed escapes are refused rather than resolved.
 */
import { isAbsolute, join, relative, sep } from 'node:path';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function resolveShard(source: string, urlPath: string): string | undefined {
  const prefix = '/data/examples/';
  const at = urlPath.indexOf(prefix);
  if (at === -1) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(urlPath.slice(at + prefix.length));
  } catch {
    return undefined;
  }
  const parts = rest.split('/');
  if (!parts.length || !parts.every((p) => SEGMENT.test(p) && p !== '.' && p !== '..') || !(rest.endsWith('.json') || rest.endsWith('.json.gz'))) return undefined;
  const file = join(source, ...parts);
  const rel = relative(source, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return undefined;
  return file;
}
