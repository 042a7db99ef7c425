/**
 * A YAML file checked against one of schemas/: parse errors and schema problems name the file,
 * the line and the field (JSON pointer), and the value comes back narrowed to the schema's type.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, type Document } from 'yaml';
import type { SchemaFile, SchemaTypes } from '../../schemas/types.gen.ts';
import { formatProblem } from '../../domain/problems.ts';
import { isValid, validate } from '../../domain/validate.ts';
import { UsageError } from './cli.ts';

export interface YamlSource {
  doc: Document;
  text: string;
  file: string;
}

/** Reads and parses a YAML file; an unreadable or malformed one is a usage error with line and column. */
export function readYaml(file: string, code: string): YamlSource & { value: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, code);
  }
  const doc = parseDocument(text);
  const e = doc.errors[0];
  if (e) throw new UsageError(`${file}:${e.linePos?.[0]?.line ?? '?'}:${e.linePos?.[0]?.col ?? '?'}: invalid YAML: ${e.message.split('\n')[0]}`, code);
  return { doc, text, file, value: doc.toJS() };
}

/** The line of the node a JSON pointer names (or of its nearest existing parent). */
export function lineOf(src: YamlSource, pointer: string): number | undefined {
  const path = pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = src.doc.getIn(path.slice(0, n), true);
    const range = node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? node.range : undefined;
    if (typeof range?.[0] === 'number') return src.text.slice(0, range[0]).split('\n').length;
  }
  return undefined;
}

/** Validates a parsed YAML value; every problem becomes one line of a usage error. */
export function checkYaml<S extends SchemaFile>(src: YamlSource, value: unknown, schema: S, code: string, what: string): SchemaTypes[S] {
  const problems = validate(schema, value, { file: src.file });
  if (problems.length) {
    const lines = problems.map((p) => {
      const line = lineOf(src, p.pointer ?? '');
      return formatProblem({ ...p, ...(line ? { line } : {}) });
    });
    throw new UsageError(`invalid ${what}:\n${lines.join('\n')}`, code);
  }
  if (!isValid(schema, value)) throw new UsageError(`invalid ${what}: ${src.file}`, code);
  return value;
}
