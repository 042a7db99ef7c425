/**
 * The published content set as the exporters read it: runs and studies validated against their
 * schemas (a hand-edited or stale content/ is refused with the file named), examples on demand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readShardFile } from '../../domain/shard-file.ts';
import type { ExampleRecord, NormalizedRun, NormalizedStudy, TaskResult } from '../../schemas/types.gen.ts';
import { EXAMPLES_DIR, publishedDir } from '../../domain/content-layout.ts';
import { isValid, validate } from '../../domain/validate.ts';
import { formatProblem } from '../../domain/problems.ts';
import { FailureError } from '../lib/cli.ts';

export interface ContentSet {
  dir: string;
  runs: NormalizedRun[];
  studies: NormalizedStudy[];
  examples(task: TaskResult): ExampleRecord[];
}

export function readContent(root: string): ContentSet {
  const dir = publishedDir(root);
  if (!existsSync(join(dir, 'runs'))) throw new FailureError(`${root} holds no ingested content; run npm run ingest first (or pass --content DIR)`);
  const load = <T>(collection: 'runs' | 'studies', schema: 'normalized-run.schema.json' | 'normalized-study.schema.json', guard: (v: unknown) => v is T): T[] => {
    const folder = join(dir, collection);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const file = join(folder, f);
        const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
        if (!guard(value)) throw new FailureError(`${file} does not match ${schema}; run npm run ingest again:\n${validate(schema, value, { file }).map(formatProblem).join('\n')}`);
        return value;
      });
  };
  const runs = load('runs', 'normalized-run.schema.json', (v): v is NormalizedRun => isValid('normalized-run.schema.json', v));
  const studies = load('studies', 'normalized-study.schema.json', (v): v is NormalizedStudy => isValid('normalized-study.schema.json', v));
  return {
    dir,
    runs,
    studies,
    examples(task) {
      if (!task.examples) return [];
      const indexPath = join(dir, EXAMPLES_DIR, task.examples.index);
      const index: unknown = existsSync(indexPath) ? JSON.parse(readFileSync(indexPath, 'utf8')) : undefined;
      if (!isValid('example-index.schema.json', index)) return [];
      return index.shards.flatMap((s) => {
        const records = readShardFile(join(dirname(indexPath), s.file));
        return (records ?? []).filter((r): r is ExampleRecord => isValid('example-record.schema.json', r));
      });
    },
  };
}
