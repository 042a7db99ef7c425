/**
 * The contract every dialect reader follows: `detect` says how sure it is that it can read an
 * input (0 = not mine), `read` turns it into normalized runs (and studies). Adapters never write;
 * the orchestrator (ingest.ts) validates and writes what they return.
 */
import type { Dialect, ExampleRecord, NormalizedRun, NormalizedStudy } from '../../schemas/types.gen.ts';
import type { DecodedText } from './lib/decode-text.ts';
import type { JsonlLine } from './lib/jsonl.ts';
import type { ProblemLog } from '../../domain/problems.ts';

/** What an adapter sees of one input path before deciding. */
export interface Probe {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user (relative to the working directory or input root). */
  rel: string;
  kind: 'file' | 'dir';
  /** File or directory name. */
  name: string;
  /** Directory entries (names), for kind 'dir'. */
  entries?: string[];
}

/** A run before the orchestrator stores its per-example data. */
export interface RunDraft extends Omit<NormalizedRun, 'id'> {
  /** Suggested id; made unique by the orchestrator. */
  idHint?: string;
  /** Per-example records by task name, written to content/examples shards. */
  examples?: Record<string, ExampleRecord[]>;
  /** Per-example records by task name already on their way to shards (ReadContext.spool), not held. */
  spooled?: Record<string, SpooledExamples>;
}

/**
 * One task's per-example records written out in shards as a reader finds them, so a file of a
 * million examples is never held in memory; only ids and outcomes are kept. Only ingest into a
 * content folder spools; readers fall back to a list where the context has no spool.
 */
export interface SpooledExamples {
  push(record: ExampleRecord): void;
  /**
   * Changes the record pushed at `index` (a later line about the same example): `change` makes the
   * new record from the one pushed, `status` is the new record's. A spool applies it when committed,
   * to the shard the record went to, so only changed records are held.
   */
  update(index: number, status: ExampleRecord['status'], change: (pushed: ExampleRecord) => ExampleRecord): void;
  /** Records pushed so far. */
  readonly count: number;
  /** Each record's id and status, in order (what the replay and the counts need). */
  outcomes(): ExampleRecord[];
  /** Drops what was written (the file is read again another way). */
  discard(): void;
}

/** A study whose variants point at runs of the same adapter result by index. */
export interface StudyDraft extends Omit<NormalizedStudy, 'id' | 'baseline' | 'variants'> {
  idHint?: string;
  baselineIndex: number;
  variants: { name: string; runIndex: number; description?: string }[];
}

/** A markdown record kept as written, linked to one of the adapter's runs. */
export interface RecordDraft {
  runIndex: number;
  title: string;
  markdown: string;
  /** The record's language, when a run has one per language (the collector's zh / en twins). */
  lang?: 'en' | 'zh';
  /** The record's own file, when it is not the file the adapter read (a run folder's record). */
  source?: string;
}

export interface AdapterResult {
  runs: RunDraft[];
  studies?: StudyDraft[];
  records?: RecordDraft[];
  /** Other files this adapter read (so they are not ingested again on their own). */
  consumed?: string[];
}

export interface ReadContext {
  problems: ProblemLog;
  /** Reads and decodes a file, reporting encoding repairs as warnings; undefined if unreadable. */
  readText(path: string): DecodedText | undefined;
  /** Reads and parses JSON, reporting syntax problems with line and column; undefined on failure. */
  readJson(path: string, dialect?: string): { value: unknown; text: string } | undefined;
  /** Streams a JSON Lines file line by line (any size), reporting bad lines; undefined if unreadable. */
  readJsonl(path: string, dialect?: string): JsonlLine[] | undefined;
  /** The same, each good line handed to `onLine` as it is parsed and none kept; false if unreadable. */
  eachJsonl(path: string, onLine: (line: JsonlLine) => void, dialect?: string): boolean;
  /** Where per-example records may go as they are read (absent: keep them in a list). */
  spool?: () => SpooledExamples;
  /** The bytes of a binary file (a zip), fingerprinted like any source; undefined if unreadable. */
  readBytes(path: string): Uint8Array | undefined;
  /** The first bytes of a file, for detection (magic numbers). */
  readHead(path: string, bytes: number): Uint8Array | undefined;
  /** The first line of a text file, for detection, without reading the rest. */
  firstLine(path: string): string;
  /** Display path for an absolute path. */
  rel(path: string): string;
  /** The input tree as readers may see it: links, devices and permissions already checked. */
  tree: InputTree;
}

/** What a reader may ask of the file system (lib/input-files.ts implements it). */
export interface InputTree {
  isDir(path: string): boolean;
  isFile(path: string): boolean;
  /** Entry names, sorted; an unreadable folder is reported and lists nothing. */
  list(dir: string): string[];
  /** True when a resolved path lies inside the input tree (paths named inside data must). */
  inside(real: string): boolean;
}

export interface Adapter {
  dialect: Dialect;
  /** How sure (0..1) this adapter is that the input is its dialect. */
  detect(probe: Probe, ctx: ReadContext): number;
  read(probe: Probe, ctx: ReadContext): AdapterResult;
}
