// Copies content/examples (per-example shards, content-hashed) into the built site, where the
// browser loads them on demand; the dev server serves them from content/ directly.
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentPath, EXAMPLES_DIR } from '../../domain/content-layout.ts';

export function exampleShards() {
  const source = contentPath(EXAMPLES_DIR);
  return {
    name: 'evalsite:example-shards',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const m = /\/data\/examples\/(.+)$/.exec(req.url?.split('?')[0] ?? '');
          const file = m && normalize(join(source, decodeURIComponent(m[1])));
          if (!file || !file.startsWith(source) || !existsSync(file) || !statSync(file).isFile()) return next();
          res.setHeader('content-type', 'application/json');
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': ({ dir }) => {
        if (existsSync(source)) cpSync(source, join(fileURLToPath(dir), 'data', 'examples'), { recursive: true });
      },
    },
  };
}
