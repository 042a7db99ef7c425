import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('gen-types', () => {
  const schema = (id: string, sampling: object) => ({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://evalsite.dev/schemas/${id}`,
    title: id.split('.')[0],
    description: 'test',
    type: 'object',
    properties: { sampling: { $ref: '#/$defs/Sampling' } },
    $defs: { Sampling: sampling },
  });

  it('refuses two schemas that declare one name with different shapes, naming both files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-types-'));
    writeFileSync(join(dir, 'a.schema.json'), JSON.stringify(schema('a.schema.json', { type: 'object', properties: { fraction: { type: 'number' } } })));
    writeFileSync(join(dir, 'b.schema.json'), JSON.stringify(schema('b.schema.json', { type: 'object', properties: { count: { type: 'integer' } } })));
    await expect(generateTypes(dir)).rejects.toThrow(/Sampling: declared differently in a\.schema\.json and b\.schema\.json/);
  });

  it('accepts one name declared twice with the same shape (a shared $defs copied)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-types-'));
    const same = { type: 'object', properties: { count: { type: 'integer', description: 'differs only in its doc' } } };
    writeFileSync(join(dir, 'a.schema.json'), JSON.stringify(schema('a.schema.json', same)));
    writeFileSync(join(dir, 'b.schema.json'), JSON.stringify(schema('b.schema.json', { ...same, properties: { count: { type: 'integer' } } })));
    const ts = await generateTypes(dir);
    expect(ts.match(/export interface Sampling/g)).toHaveLength(1);
    expect(ts).toContain('count?: number');
  });
});
