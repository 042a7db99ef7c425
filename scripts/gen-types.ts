/**
 * Generates schemas/types.gen.ts from schemas/*.schema.json, so TypeScript types are never written
 * a second time by hand. `npm run gen:types` rewrites it; a test fails when it is out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const SCHEMA_DIR = join(import.meta.dirname, '..', 'schemas');
export const TYPES_FILE = join(SCHEMA_DIR, 'types.gen.ts');

/** The TypeScript declarations of every schema in `dir`; throws when two differ under one name. */
export async function generateTypes(dir = SCHEMA_DIR): Promise<string> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort();
  const schemas = new Map(files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
  const parts: string[] = [];
  // Name -> [declaration, schema file]: each compile re-declares the types it references.
  const seen = new Map<string, [string, string]>();
  const conflicts: string[] = [];
  for (const file of files) {
    const ts = await compile(schemas.get(file), file.replace('.schema.json', ''), {
      bannerComment: '',
      cwd: dir,
      declareExternallyReferenced: true,
      additionalProperties: false,
      format: false,
      // minItems would make tuple types ([T, ...T[]]); ajv checks the count at run time.
      ignoreMinAndMaxItems: true,
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
    // The same name from a $ref must be the same declaration; two different shapes under one name
    // would silently lose one of them (give them distinct $defs names or titles).
    for (const raw of ts.split(/\n(?=export )/)) {
      const block = raw.trim();
      const name = /^export (?:interface|type) (\w+)/.exec(block)?.[1];
      const earlier = name ? seen.get(name) : undefined;
      if (name && earlier) {
        if (declaration(earlier[0]) !== declaration(block)) conflicts.push(`${name}: declared differently in ${earlier[1]} and ${file}`);
        continue;
      }
      if (name) seen.set(name, [block, file]);
      parts.push(block);
    }
  }
  if (conflicts.length) throw new Error(`schemas declare one type name with different shapes:\n  ${conflicts.join('\n  ')}`);
  const values = enumValues(schemas, new Set(seen.keys()));
  const byFile = files.map((f) => `'${f}': ${schemas.get(f).title}`).join(';\n  ');
  const map = `\n/** The type each schema file describes, so validation can narrow a value to it. */\nexport interface SchemaTypes {\n  ${byFile};\n}\n\nexport type SchemaFile = keyof SchemaTypes;\n`;
  return `// Generated from schemas/*.schema.json by scripts/gen-types.ts. Do not edit: run npm run gen:types.\n\n${parts.join('\n\n')}\n${values}${map}`;
}

/**
 * Every named string enumeration ($defs entry with an enum) as a constant list beside its type, so
 * code iterates the schema's own values (labels, tests, registries) instead of a copy kept by hand.
 */
function enumValues(schemas: Map<string, { $defs?: Record<string, { enum?: unknown[] }> }>, declared: Set<string>): string {
  const out = new Map<string, string>();
  for (const schema of schemas.values()) {
    for (const [name, def] of Object.entries(schema.$defs ?? {})) {
      if (!def.enum || !def.enum.every((v) => typeof v === 'string') || !declared.has(name)) continue;
      const constName = `${name.replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_').toUpperCase()}_VALUES`;
      out.set(constName, `/** Every ${name}, in the schema's order. */\nexport const ${constName}: readonly ${name}[] = ${JSON.stringify(def.enum)};`);
    }
  }
  return [...out.keys()].sort().map((k) => `\n${out.get(k)}\n`).join('');
}

/** A declaration without its doc comments, which may differ between a definition and a reference. */
function declaration(block: string): string {
  return block.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').trim();
}

if (import.meta.main) {
  writeFileSync(TYPES_FILE, await generateTypes());
  console.log(`wrote ${TYPES_FILE}`);
}
