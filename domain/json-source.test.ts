import { describe, expect, it } from 'vitest';
import { locatePointer, parseJson } from './json-source.ts';

describe('parseJson', () => {
  it('reads Python-style NaN and Infinity and says where they were', () => {
    const r = parseJson('{"mae,none": Infinity, "mae_stderr,none": NaN, "x": [-Infinity]}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ 'mae,none': Infinity, 'mae_stderr,none': NaN, x: [-Infinity] });
    expect(r.nonFinite).toEqual(['/mae,none', '/mae_stderr,none', '/x/0']);
  });

  it.each([
    ['', 1, 1, true, 'empty document'],
    ['{"a": 1,\n "b": [1, 2', 2, 12, true, "expected ',' or ']'"],
    ['{"a": 1}\n{"b": 2}', 2, 1, false, 'after the JSON value'],
    ['{"a": tru}', 1, 7, false, 'expected true'],
    ['{\n  "a": "unterminated', 2, 21, true, 'unterminated string'],
  ])('reports %j at line %i column %i', (text, line, column, truncated, message) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.position).toEqual({ line, column });
    expect(r.truncated).toBe(truncated);
    expect(r.message).toContain(message);
  });

  it('decodes escapes like JSON.parse', () => {
    const text = '{"s": "a\\n\\u00e9\\"\\\\/", "n": -1.5e3, "NaN": 1}';
    const r = parseJson(text.replace('"NaN": 1', '"NaN": NaN'));
    expect(r.ok && (r.value as Record<string, unknown>).s).toBe(JSON.parse(text).s);
    expect(r.ok && (r.value as Record<string, unknown>).n).toBe(-1500);
  });
});

describe('locatePointer', () => {
  const text = '{\n  "results": {\n    "a/b": {\n      "acc": "high"\n    }\n  },\n  "list": [1,\n    2]\n}';
  it.each([
    ['/results/a~1b/acc', 4, 14],
    ['/list/1', 8, 5],
    ['/results/missing', 2, 14],
    ['', 1, 1],
  ])('finds %s at %i:%i', (pointer, line, column) => {
    expect(locatePointer(text, pointer)).toEqual({ line, column });
  });
});
