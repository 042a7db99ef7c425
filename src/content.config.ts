/**
 * Every collection declared once: content/ is written by ingest and validated here again with the
 * same JSON Schemas (ajv), so a hand-edited or stale content/ fails the build with a clear message.
 */
import { defineCollection } from 'astro:content';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '../scripts/ingest/lib/validate.ts';
import { formatProblem } from '../scripts/ingest/lib/problems.ts';

const CONTENT = process.env.EVALSITE_CONTENT ?? join(process.cwd(), 'content');

function jsonDir(dir: string, schema: string) {
  return async () => {
    const abs = join(CONTENT, dir);
    if (!existsSync(abs)) return [];
    return readdirSync(abs)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const file = join('content', dir, f);
        const data = JSON.parse(readFileSync(join(abs, f), 'utf8')) as { id: string };
        const problems = validate(schema, data, { file });
        if (problems.length) throw new Error(`content/ does not match ${schema}; run npm run ingest again.\n${problems.map(formatProblem).join('\n')}`);
        return data;
      });
  };
}

export const collections = {
  runs: defineCollection({ loader: jsonDir('runs', 'normalized-run.schema.json') }),
  studies: defineCollection({ loader: jsonDir('studies', 'normalized-study.schema.json') }),
  records: defineCollection({ loader: jsonDir('records', 'normalized-record.schema.json') }),
  analysis: defineCollection({ loader: jsonDir('analysis', 'sampled-analysis.schema.json') }),
};
