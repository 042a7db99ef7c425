/**
 * Before a build: if content/ has never been generated, ingest the embedded examples so a fresh
 * clone builds. Content a user ingested is never replaced here.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingestInto } from './write-content.ts';
import { contentDir, MANIFEST_FILE, publishedDir } from '../../domain/content-layout.ts';

const root = resolve(import.meta.dirname, '..', '..');
const content = contentDir();
if (existsSync(join(publishedDir(content), MANIFEST_FILE))) {
  console.log('content/ exists: building from it (npm run ingest -- <paths> replaces it)');
} else {
  const inputs = [join(root, 'examples')];
  const { manifest: m } = ingestInto(content, { inputs, root }, inputs);
  console.log(`content/ was empty: ingested the embedded examples (${m.runs} runs, ${m.studies} studies)`);
}
