/**
 * ajv validation against schemas/*.schema.json, turning each failure into a Problem that names the
 * file, the line and column (mapped from the JSON pointer back into the source text) and the field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { locatePointer } from './json-source.ts';
import type { Problem } from './problems.ts';
import type { SchemaFile, SchemaTypes } from '../schemas/types.gen.ts';

// Resolved from this file when run by Node; from the project root when bundled (Astro build).
const fromHere = fileURLToPath(new URL('../schemas/', import.meta.url));
export const SCHEMA_DIR = existsSync(join(fromHere, 'normalized-run.schema.json')) ? fromHere : join(process.cwd(), 'schemas');
const SCHEMA_BASE = 'https://evalsite.dev/schemas/';

let ajv: Ajv2020 | undefined;

function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: false });
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')));
  }
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();

function validator(schema: string): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = instance().getSchema(SCHEMA_BASE + schema);
    if (!fn) throw new Error(`unknown schema ${schema}`);
    compiled.set(schema, fn);
  }
  return fn;
}

export interface ValidationContext {
  file: string;
  /** Source text, to map JSON pointers to line and column. */
  text?: string;
  /** For JSONL: the line the value came from (its positions are then relative to that line). */
  line?: number;
  dialect?: string;
}

/** Validates data against a schema file name (e.g. 'run-meta.schema.json'); returns problems. */
export function validate(schema: SchemaFile, data: unknown, ctx: ValidationContext): Problem[] {
  const fn = validator(schema);
  if (fn(data)) return [];
  return collapse(fn.errors ?? []).map((e) => toProblem(e, data, ctx));
}

/**
 * Validates and narrows: on failure each problem (file, line, column, pointer) goes to `log` and
 * the result is false, so an adapter reports and skips in one step without a cast.
 */
export function conformsOrReport<S extends SchemaFile>(schema: S, data: unknown, ctx: ValidationContext, log: { add(p: Problem): void }): data is SchemaTypes[S] {
  const problems = validate(schema, data, ctx);
  for (const p of problems) log.add(p);
  return problems.length === 0;
}

/** True when data is valid, narrowing it to the schema's type; no problems are built. */
export function isValid<S extends SchemaFile>(schema: S, data: unknown): data is SchemaTypes[S] {
  return validator(schema)(data) === true;
}

// oneOf/anyOf failures repeat every branch's errors; keep the most specific (deepest) ones.
function collapse(errors: ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const list = concrete.length ? concrete : errors;
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toProblem(e: ErrorObject, data: unknown, ctx: ValidationContext): Problem {
  let pointer = e.instancePath;
  let expected: string | undefined;
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    pointer = `${pointer}/${missing}`;
    expected = `property "${missing}"`;
  } else if (e.keyword === 'type') {
    expected = `type ${(e.params as { type: string | string[] }).type}`;
  } else if (e.keyword === 'enum') {
    expected = `one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'additionalProperties') {
    pointer = `${pointer}/${(e.params as { additionalProperty: string }).additionalProperty}`;
  }
  const found = e.keyword === 'required' ? 'nothing' : describeValue(valueAt(data, e.keyword === 'additionalProperties' ? pointer : e.instancePath));
  const problem: Problem = {
    severity: 'error',
    file: ctx.file,
    pointer,
    message: e.keyword === 'required' ? 'missing required field' : (e.message ?? 'invalid'),
    found,
  };
  if (expected) problem.expected = expected;
  if (ctx.dialect) problem.dialect = ctx.dialect;
  const pos = ctx.text !== undefined ? locatePointer(ctx.text, e.keyword === 'required' ? e.instancePath : pointer) : undefined;
  if (ctx.line !== undefined) problem.line = ctx.line + (pos ? pos.line - 1 : 0);
  else if (pos) problem.line = pos.line;
  if (pos) problem.column = pos.column;
  return problem;
}

export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
