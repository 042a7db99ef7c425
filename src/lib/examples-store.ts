/** Reads per-example shards from content/ at build time (the browser loads the same files itself). */
import { existsSync, readFileSync } from 'node:fs';
import { readShardFile } from '../../domain/shard-file.ts';
import { isValid } from '../../domain/validate.ts';
import { dirname, join } from 'node:path';
import type { ExampleIndex, ExampleRecord, TaskResult } from '../../schemas/types.gen.ts';
import { contentPath, EXAMPLES_DIR } from '../../domain/content-layout.ts';

const root = () => contentPath(EXAMPLES_DIR);
const cache = new Map<string, ExampleRecord[]>();

export function loadExamples(task: TaskResult): ExampleRecord[] | undefined {
  if (!task.examples) return undefined;
  const indexPath = join(root(), task.examples.index);
  const hit = cache.get(indexPath);
  if (hit) return hit;
  if (!existsSync(indexPath)) return undefined;
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as ExampleIndex;
  const records = index.shards.flatMap((s) => (readShardFile(join(dirname(indexPath), s.file)) ?? []).filter((r): r is ExampleRecord => isValid('example-record.schema.json', r)));
  cache.set(indexPath, records);
  return records;
}
