// Puts content/examples (per-example shards, content-hashed) into the built site, where the
// browser loads them on demand; the dev server serves them from content/ directly. Files are
// hard-linked, not copied: a rebuild costs no shard bytes (a copy where links cannot be made).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentPath, EXAMPLES_DIR } from '../../domain/content-layout.ts';
import { resolveShard } from './shard-path.ts';
import { linkTree } from '../lib/link-tree.ts';

export function exampleShards() {
  const source = contentPath(EXAMPLES_DIR);
  return {
    name: 'evalsite:example-shards',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const path = req.url?.split('?')[0] ?? '';
          if (!path.includes('/data/examples/')) return next();
          // Answered here, never passed on: a request that does not name a shard gets a 404.
          const file = resolveShard(source, path);
          if (!file || !existsSync(file) || !statSync(file).isFile()) {
            res.statusCode = 404;
            res.end();
            return;
          }
          // A gzipped shard goes as bytes (no Content-Encoding): the page decompresses it itself, as on any static host.
          res.setHeader('content-type', file.endsWith('.gz') ? 'application/gzip' : 'application/json');
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': ({ dir }) => {
        if (existsSync(source)) linkTree(source, join(fileURLToPath(dir), 'data', 'examples'));
      },
    },
  };
}

