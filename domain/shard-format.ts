/**
 * The shard format, free of Node APIs (the browser's examples workers use it too): records with
 * the start their prompts share stored once (schemas/example-shard.schema.json), or a plain array
 * of whole records as written before.
 */
import { EXAMPLE_STATUS_VALUES, type ExampleRecord, type ExampleShard } from '../schemas/types.gen.ts';
import { isObj } from './guards.ts';

/** The longest start every prompt of these records shares ('' when one has none or they differ at once). */
export function sharedPromptStart(records: readonly { prompt?: string }[]): string {
  let prefix: string | undefined;
  for (const r of records) {
    if (typeof r.prompt !== 'string') continue;
    if (prefix === undefined) prefix = r.prompt;
    // Not startsWith: with a long search string V8 compares it character by character (5× slower
    // than this equality of a slice, which is a memory compare; measured on 1.4 KB prefixes).
    else if (!(r.prompt.length >= prefix.length && r.prompt.slice(0, prefix.length) === prefix)) {
      let i = 0;
      while (i < prefix.length && prefix.charCodeAt(i) === r.prompt.charCodeAt(i)) i++;
      // Never cut a surrogate pair in two: the halves would not survive UTF-8.
      if (i > 0 && isHighSurrogate(prefix.charCodeAt(i - 1))) i--;
      prefix = prefix.slice(0, i);
    }
    if (prefix === '') break;
  }
  return prefix ?? '';
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** A shard's JSON text: the shared prompt start once, each record's prompt without it. */
export function packShard(records: readonly ExampleRecord[]): string {
  const promptPrefix = sharedPromptStart(records);
  const cut = promptPrefix ? records.map((r) => (typeof r.prompt === 'string' ? { ...r, prompt: r.prompt.slice(promptPrefix.length) } : r)) : records;
  const shard: ExampleShard = { promptPrefix, records: [...cut] };
  return JSON.stringify(shard);
}

/**
 * A shard's records as stored, with the prefix their prompts share: the browser keeps them so (a
 * million prompts held whole would not fit a worker), and joins a prompt only to show it. A plain
 * array (older shards) has no stored prefix. Undefined when the JSON is neither shape.
 */
export function shardParts(doc: unknown): { promptPrefix: string; records: unknown[] } | undefined {
  if (Array.isArray(doc)) return { promptPrefix: '', records: doc };
  if (isObj(doc) && typeof doc.promptPrefix === 'string' && Array.isArray(doc.records)) return { promptPrefix: doc.promptPrefix, records: doc.records };
  return undefined;
}

/** A record whose prompt was stored without the shard's shared start, whole again. */
export function withPromptPrefix<T extends { prompt?: unknown }>(record: T, promptPrefix: string): T {
  return promptPrefix && typeof record.prompt === 'string' ? { ...record, prompt: promptPrefix + record.prompt } : record;
}

/** The whole records of a parsed shard (callers check each record's shape); undefined for another shape. */
export function shardRecordsOf(doc: unknown): unknown[] | undefined {
  const parts = shardParts(doc);
  if (!parts) return undefined;
  return parts.promptPrefix ? parts.records.map((r) => (isObj(r) ? withPromptPrefix(r, parts.promptPrefix) : r)) : parts.records;
}

const STATUSES: ReadonlySet<unknown> = new Set<string>(EXAMPLE_STATUS_VALUES);

/** The fields every reader relies on (the browser has no schema validator; ingest validated the rest). */
export function isShardRecord(r: unknown): r is ExampleRecord {
  return isObj(r) && typeof r.id === 'string' && STATUSES.has(r.status) && (r.prompt === undefined || typeof r.prompt === 'string');
}
