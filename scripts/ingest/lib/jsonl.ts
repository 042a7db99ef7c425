/**
 * JSON Lines: one bad line is reported with its number and skipped; the rest are kept. Files are
 * read as a stream of lines (`readJsonlFile`), so their size is bounded by memory for the parsed
 * values, never by the engine's maximum string length.
 */
import { parseJson } from '../../../domain/json-source.ts';
import type { Problem, ProblemLog } from '../../../domain/problems.ts';
import { looksBinary, scanUtf8, utf16Of } from './decode-text.ts';
import { formatBytes, type InputFiles } from './input-files.ts';

export interface JsonlLine {
  value: unknown;
  /** 1-based line number in the file. */
  line: number;
  /** The line's text, for mapping pointers to columns. */
  text: string;
}

/** Problems of one file: its name and dialect added to each. */
class FileReport {
  private readonly file: string;
  private readonly problems: ProblemLog;
  private readonly dialect: string | undefined;

  constructor(file: string, problems: ProblemLog, dialect?: string) {
    this.file = file;
    this.problems = problems;
    this.dialect = dialect;
  }

  /** Fields in the order given, after severity and file; the dialect last. */
  add(problem: Omit<Problem, 'file' | 'dialect'>): void {
    const { severity, ...rest } = problem;
    this.problems.add({ severity, file: this.file, ...rest, ...(this.dialect ? { dialect: this.dialect } : {}) });
  }
}

/** Parses lines one at a time; `finish` reports a cut-off last line. */
class JsonlCollector {
  readonly lines: JsonlLine[] = [];
  private pending: { raw: string; lineNo: number } | undefined;
  /** Good lines so far (kept, or handed on). */
  private good = 0;

  private readonly report: FileReport;
  /** Takes each good line instead of keeping it (a file of millions of lines is never held). */
  private readonly onLine: ((line: JsonlLine) => void) | undefined;

  constructor(report: FileReport, onLine?: (line: JsonlLine) => void) {
    this.report = report;
    this.onLine = onLine;
  }

  /** A line, without its '\n'. The previous line is parsed now that it is known not to be the last. */
  push(raw: string, lineNo: number): void {
    if (this.pending) this.parse(this.pending.raw, this.pending.lineNo, false);
    this.pending = raw.trim() === '' ? undefined : { raw, lineNo };
  }

  finish(): JsonlLine[] {
    if (this.pending) this.parse(this.pending.raw, this.pending.lineNo, true);
    this.pending = undefined;
    return this.lines;
  }

  private parse(raw: string, lineNo: number, isLast: boolean): void {
    const parsed = parseJson(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (parsed.ok) {
      const line = { value: parsed.value, line: lineNo, text: raw };
      this.good++;
      if (this.onLine) this.onLine(line);
      else this.lines.push(line);
      if (parsed.nonFinite.length) {
        this.report.add({ severity: 'warning', message: `non-finite number (NaN/Infinity) read as null`, line: lineNo, ...(parsed.nonFinite[0] !== undefined ? { pointer: parsed.nonFinite[0] } : {}) });
      }
      return;
    }
    const cut = isLast && parsed.truncated;
    this.report.add({
      severity: cut ? 'warning' : 'error',
      line: lineNo,
      column: parsed.position.column,
      message: cut ? `last line is cut off mid-write (${parsed.message}); the ${this.good} complete lines before it were kept` : `invalid JSON line skipped: ${parsed.message}`,
    });
  }
}

export function readJsonl(text: string, file: string, problems: ProblemLog, dialect?: string): JsonlLine[] {
  const collector = new JsonlCollector(new FileReport(file, problems, dialect));
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    collector.push(text.slice(start, end), ++lineNo);
    start = end + 1;
  }
  return collector.finish();
}

/** Longest line read (bytes); a longer one is reported and skipped rather than crashing the read. */
const MAX_LINE_BYTES = 256 * (1 << 20);

/**
 * Streams a JSON Lines file from disk line by line. UTF-8 (a BOM stripped), UTF-16 by BOM or NUL
 * pattern, GB18030 when the first undecodable line is GBK; invalid UTF-8 bytes are read as U+FFFD
 * and their byte offsets reported. Undefined when the file could not be read at all (reported).
 * With `onLine`, each good line goes to it as it is parsed and none is kept (an empty list back).
 */
export function readJsonlFile(files: InputFiles, path: string, file: string, problems: ProblemLog, dialect?: string, maxLineBytes = MAX_LINE_BYTES, onLine?: (line: JsonlLine) => void): JsonlLine[] | undefined {
  const head = files.readHead(path, 8192);
  if (!head) return undefined;
  if (looksBinary(head)) {
    problems.error(file, 'binary file (NUL bytes), not text; not read', { ...(dialect ? { dialect } : {}) });
    return undefined;
  }
  const report = new FileReport(file, problems, dialect);
  const collector = new JsonlCollector(report, onLine);
  const wide = utf16Of(head);
  let lineNo = 0;
  let ok: boolean;
  if (wide) {
    // UTF-16 has 0x0A bytes inside other characters: decode first, then split the text.
    const decoder = new TextDecoder(wide.encoding);
    let carry = '';
    let skip = wide.bom;
    ok = files.readChunks(path, (chunk) => {
      const text = carry + decoder.decode(skip ? chunk.subarray(skip) : chunk, { stream: true });
      skip = 0;
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        collector.push(text.slice(start, end), ++lineNo);
        start = end + 1;
      }
      carry = text.slice(start);
    });
    if (ok) collector.push(carry + decoder.decode(), ++lineNo);
  } else {
    const lines = new Utf8LineDecoder(report);
    let parts: Buffer[] = [];
    let partBytes = 0;
    let offset = 0; // file offset of the current line's first byte
    let tooLong = false;
    const emit = (bytes: Buffer) => {
      lineNo++;
      if (tooLong) {
        problems.error(file, `line is ${formatBytes(bytes.length || partBytes)} long, more than the ${formatBytes(maxLineBytes)} a line may have; skipped`, { line: lineNo, ...(dialect ? { dialect } : {}) });
        collector.push('', lineNo);
      } else collector.push(lines.decode(bytes, offset, lineNo), lineNo);
    };
    let first = true;
    ok = files.readChunks(path, (chunk) => {
      let start = 0;
      if (first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
      if (first) offset = start;
      first = false;
      for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, nl);
        const bytes = parts.length ? Buffer.concat([...parts, piece]) : Buffer.from(piece);
        emit(tooLong ? Buffer.alloc(0) : bytes);
        offset += partBytes + piece.length + 1;
        parts = [];
        partBytes = 0;
        tooLong = false;
        start = nl + 1;
      }
      const rest = chunk.subarray(start);
      partBytes += rest.length;
      if (partBytes > maxLineBytes) {
        tooLong = true;
        parts = [];
      } else if (rest.length) parts.push(Buffer.from(rest));
    });
    // The text after the last '\n' (empty when the file ends with one, which marks the line before as complete).
    if (ok) emit(tooLong ? Buffer.alloc(0) : Buffer.concat(parts));
    lines.finish();
  }
  if (!ok) return undefined;
  return collector.finish();
}

/** Decodes one line's bytes; remembers bad bytes (and a switch to GB18030) for one report per file. */
class Utf8LineDecoder {
  private readonly strict = new TextDecoder('utf-8', { fatal: true });
  private readonly lenient = new TextDecoder('utf-8');
  private gbk: TextDecoder | undefined;
  private bad = { count: 0, offsets: [] as number[], firstLine: 0 };

  private readonly report: FileReport;

  constructor(report: FileReport) {
    this.report = report;
  }

  decode(bytes: Buffer, offset: number, lineNo: number): string {
    if (this.gbk) return this.gbk.decode(bytes);
    try {
      return this.strict.decode(bytes);
    } catch {
      const scan = scanUtf8(bytes);
      if (this.bad.count === 0 && scan.invalid > scan.multibyte * 0.05) {
        try {
          const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
          this.gbk = new TextDecoder('gb18030');
          this.report.add({ severity: 'warning', message: 'file is not UTF-8; read as GB18030/GBK', line: lineNo, found: 'GBK-encoded bytes' });
          return text;
        } catch {
          // not GBK either: bad bytes in UTF-8
        }
      }
      if (this.bad.count === 0) this.bad.firstLine = lineNo;
      this.bad.count += scan.invalid;
      for (const o of scan.offsets) if (this.bad.offsets.length < 10) this.bad.offsets.push(offset + o);
      return this.lenient.decode(bytes);
    }
  }

  finish(): void {
    if (!this.bad.count) return;
    this.report.add({ severity: 'warning', message: `${this.bad.count} invalid UTF-8 byte sequence(s), read as U+FFFD; at byte offset(s) ${this.bad.offsets.join(', ')}${this.bad.count > this.bad.offsets.length ? ', …' : ''}`, line: this.bad.firstLine, found: 'invalid UTF-8' });
  }
}
