/**
 * Generates schemas/types.gen.ts from schemas/*.schema.json, so TypeScript types are never written
 * a second time by hand. `npm run gen:types` rewrites it; a test fails when it is out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const dir = join(import.meta.dirname, '..', 'schemas');
export const TYPES_FILE = join(dir, 'types.gen.ts');

export async function generateTypes(): Promise<string> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort();
  const schemas = new Map(files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const ts = await compile(schemas.get(file), file.replace('.schema.json', ''), {
      bannerComment: '',
      cwd: dir,
      declareExternallyReferenced: true,
      additionalProperties: false,
      format: false,
      $refOptions: {
        resolve: {
          evalsite: {
            order: 1,
            canRead: /^https:\/\/evalsite\.dev\/schemas\//,
            read: (f: { url: string }) => JSON.stringify(schemas.get(f.url.split('/').pop()!)),
          },
        },
      },
    });
    // Each compile re-declares referenced types; keep the first declaration of each name.
    for (const block of ts.split(/\n(?=export )/)) {
      const name = /^export (?:interface|type) (\w+)/.exec(block.trim())?.[1];
      if (name && seen.has(name)) continue;
      if (name) seen.add(name);
      parts.push(block.trim());
    }
  }
  return `// Generated from schemas/*.schema.json by scripts/gen-types.ts. Do not edit: run npm run gen:types.\n\n${parts.join('\n\n')}\n`;
}

if (import.meta.main) {
  writeFileSync(TYPES_FILE, await generateTypes());
  console.log(`wrote ${TYPES_FILE}`);
}
