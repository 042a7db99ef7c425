import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateTypes, TYPES_FILE } from '../scripts/gen-types.ts';

const dir = import.meta.dirname;

describe('schemas/', () => {
  it('are valid JSON Schema 2020-12 documents with an $id and a description', () => {
    const ajv = new Ajv2020({ strict: false });
    const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) {
      const s = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      expect(s.$schema, f).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id, f).toBe(`https://evalsite.dev/schemas/${f}`);
      expect(typeof s.description, f).toBe('string');
      ajv.addSchema(s);
    }
    for (const f of files) expect(() => ajv.getSchema(`https://evalsite.dev/schemas/${f}`), f).not.toThrow();
  });

  it('types.gen.ts is what npm run gen:types generates (no type written twice by hand)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await generateTypes());
  });
});
