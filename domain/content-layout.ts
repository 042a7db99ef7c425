/**
 * Where content/ is and what ingest writes into it: the one description both the pipeline (which
 * writes it) and the site (which reads it) follow. Formats are in schemas/ (content-manifest,
 * example-index, normalized-*).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** content/ of the project, or EVALSITE_CONTENT; relative paths are taken from the working directory. */
export function contentDir(env: { EVALSITE_CONTENT?: string | undefined } = process.env): string {
  return resolve(env.EVALSITE_CONTENT || 'content');
}

/** The collections ingest writes, one JSON file per item, each checked against its schema. */
export const COLLECTIONS = {
  runs: 'normalized-run.schema.json',
  studies: 'normalized-study.schema.json',
  records: 'normalized-record.schema.json',
  analysis: 'sampled-analysis.schema.json',
} as const;
export type CollectionName = keyof typeof COLLECTIONS;

export const EXAMPLES_DIR = 'examples';
export const PROBLEMS_FILE = 'problems.json';
export const MANIFEST_FILE = 'manifest.json';

/** Every entry of content/ that ingest owns; anything else there is the user's. */
export const GENERATED_ENTRIES: readonly string[] = [...Object.keys(COLLECTIONS), EXAMPLES_DIR, PROBLEMS_FILE, MANIFEST_FILE];

/** Per-example records per shard file: small enough that the first page shows after one fetch. */
export const SHARD_SIZE = 500;

/** Folder of one task's shards, relative to content/examples/ (and to dist/data/examples/); `taskSlug` unique within the run. */
export function exampleTaskDir(runId: string, taskSlug: string): string {
  return `${runId}/${taskSlug}`;
}

/** Index file of one task's shards, relative to content/examples/. */
export function exampleIndexPath(runId: string, taskSlug: string): string {
  return `${exampleTaskDir(runId, taskSlug)}/index.json`;
}

/**
 * Ingest publishes each content set as a generation under content/.evalsite/ and points the link
 * content/current at it; swapping one link is atomic, so readers see the old set or the new one,
 * never a mix. Ingest owns `current` and `.evalsite/`, nothing else in the folder.
 */
export const CURRENT_LINK = 'current';
export const GENERATIONS_DIR = '.evalsite';

/** The published content: content/current, or content/ itself as older versions wrote it. */
export function publishedDir(root = contentDir()): string {
  const current = join(root, CURRENT_LINK);
  return existsSync(current) ? current : root;
}

/** Absolute path of a file of the published content. */
export function contentPath(...parts: string[]): string {
  return join(publishedDir(), ...parts);
}
