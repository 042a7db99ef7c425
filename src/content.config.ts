/**
 * Every collection declared once: content/ is written by ingest and validated here again with the
 * same JSON Schemas (ajv), so a hand-edited or stale content/ fails the build with a clear message.
 */
import { defineCollection } from 'astro:content';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '../domain/validate.ts';
import { formatProblem } from '../domain/problems.ts';
import { COLLECTIONS, contentPath, type CollectionName } from '../domain/content-layout.ts';

function jsonDir(dir: CollectionName) {
  const schema = COLLECTIONS[dir];
  return async () => {
    const abs = contentPath(dir);
    if (!existsSync(abs)) return [];
    return readdirSync(abs)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const file = join('content', dir, f);
        const data: unknown = JSON.parse(readFileSync(join(abs, f), 'utf8'));
        const problems = validate(schema, data, { file });
        if (problems.length || !isEntry(data)) throw new Error(`content/ does not match ${schema}; run npm run ingest again.\n${problems.map(formatProblem).join('\n')}`);
        return data;
      });
  };
}

function isEntry(v: unknown): v is { id: string } {
  return !!v && typeof v === 'object' && 'id' in v && typeof v.id === 'string';
}

export const collections = {
  runs: defineCollection({ loader: jsonDir('runs') }),
  studies: defineCollection({ loader: jsonDir('studies') }),
  records: defineCollection({ loader: jsonDir('records') }),
  analysis: defineCollection({ loader: jsonDir('analysis') }),
};
