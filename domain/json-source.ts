/**
 * JSON parsing that can say where things are. `JSON.parse` is the fast path; when it fails, or when
 * a problem must be reported at a JSON pointer, a small position-tracking parser runs over the text.
 * It also accepts the bare `NaN`, `Infinity` and `-Infinity` tokens that Python's json module writes.
 */
import { dict } from './guards.ts';

export interface SourcePosition {
  line: number;
  column: number;
}

export type JsonParseResult =
  | { ok: true; value: unknown; nonFinite: string[] }
  | { ok: false; message: string; position: SourcePosition; truncated: boolean };

export class JsonSyntaxError extends Error {
  readonly offset: number;
  /** True when the text ended before the value did (a file cut mid-write). */
  readonly truncated: boolean;
  constructor(message: string, offset: number, truncated: boolean) {
    super(message);
    this.offset = offset;
    this.truncated = truncated;
  }
}

/** Parses JSON text, tolerating NaN/Infinity tokens; reports syntax errors with line and column. */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text), nonFinite: [] };
  } catch {
    // Fall through: the slow parser accepts NaN/Infinity and gives a precise position.
  }
  try {
    const parser = new PositionParser(text, false);
    const value = parser.parseDocument();
    return { ok: true, value, nonFinite: parser.nonFinite };
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      return { ok: false, message: err.message, position: offsetToPosition(text, err.offset), truncated: err.truncated };
    }
    throw err;
  }
}

/**
 * Pointers of keys that appear twice in one object, for a document JSON.parse already accepted
 * (it keeps the last value without a word). Undefined when the text is not JSON after all.
 */
export function duplicateKeys(text: string): string[] | undefined {
  try {
    const parser = new PositionParser(text, false);
    parser.parseDocument();
    return parser.duplicates;
  } catch {
    return undefined;
  }
}

/** Line and column (1-based) of the value at a JSON pointer, or of its nearest existing parent. */
export function locatePointer(text: string, pointer: string): SourcePosition | undefined {
  const parser = new PositionParser(text, true);
  try {
    parser.parseDocument();
  } catch {
    return undefined;
  }
  let p = pointer;
  for (;;) {
    const offset = parser.positions.get(p);
    if (offset !== undefined) return offsetToPosition(text, offset);
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export function offsetToPosition(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

class PositionParser {
  i = 0;
  readonly positions = new Map<string, number>();
  readonly nonFinite: string[] = [];
  /** Pointers of keys written twice in one object (JSON.parse keeps the last silently). */
  readonly duplicates: string[] = [];

  private readonly s: string;
  private readonly track: boolean;

  constructor(s: string, track: boolean) {
    this.s = s;
    this.track = track;
  }

  parseDocument(): unknown {
    this.ws();
    if (this.i >= this.s.length) throw new JsonSyntaxError('empty document: expected a JSON value', this.i, true);
    const v = this.value('');
    this.ws();
    if (this.i < this.s.length) this.fail(`unexpected ${this.describe()} after the JSON value`);
    return v;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.i, this.i >= this.s.length);
  }

  private describe(): string {
    return this.i >= this.s.length ? 'end of input' : `character ${JSON.stringify(this.s[this.i])}`;
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else break;
    }
  }

  private value(ptr: string): unknown {
    this.ws();
    if (this.track) this.positions.set(ptr, this.i);
    const c = this.s[this.i];
    if (c === '{') return this.object(ptr);
    if (c === '[') return this.array(ptr);
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === 'N') return this.nonFiniteLiteral('NaN', NaN, ptr);
    if (c === 'I') return this.nonFiniteLiteral('Infinity', Infinity, ptr);
    if (c === '-' && this.s.startsWith('-Infinity', this.i)) return this.nonFiniteLiteral('-Infinity', -Infinity, ptr);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    this.fail(`expected a JSON value, found ${this.describe()}`);
  }

  private literal<T>(word: string, v: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail(`expected ${word}, found ${this.describe()}`);
    this.i += word.length;
    return v;
  }

  private nonFiniteLiteral(word: string, v: number, ptr: string): number {
    this.literal(word, v);
    this.nonFinite.push(ptr);
    return v;
  }

  private number(): number {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const match = m.exec(this.s);
    if (!match || match[0] === '-') this.fail(`malformed number at ${this.describe()}`);
    this.i += match[0].length;
    return Number(match[0]);
  }

  private string(): string {
    const start = ++this.i;
    const s = this.s;
    // Fast scan for strings without escapes.
    let j = start;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 34) {
        this.i = j + 1;
        return s.slice(start, j);
      }
      if (c === 92 || c < 32) break;
      j++;
    }
    let out = s.slice(start, j);
    this.i = j;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const e = s[this.i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in map) {
          out += map[e];
          this.i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else {
          this.i++;
          this.fail(`invalid escape in string`);
        }
      } else if (c.charCodeAt(0) < 32) {
        this.fail('unescaped control character in string');
      } else {
        out += c;
        this.i++;
      }
    }
    this.fail('unterminated string');
  }

  private array(ptr: string): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(`${ptr}/${out.length}`));
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === ']') {
        this.i++;
        return out;
      } else this.fail(`expected ',' or ']' in array, found ${this.describe()}`);
    }
  }

  private object(ptr: string): Record<string, unknown> {
    this.i++;
    const out = dict<unknown>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail(`expected a property name, found ${this.describe()}`);
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`expected ':' after property name, found ${this.describe()}`);
      this.i++;
      const at = `${ptr}/${pointerSegment(key)}`;
      if (Object.hasOwn(out, key)) this.duplicates.push(at);
      out[key] = this.value(at);
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c === '}') {
        this.i++;
        return out;
      } else this.fail(`expected ',' or '}' in object, found ${this.describe()}`);
    }
  }
}
