/**
 * The ingest pipeline: walk the inputs, let each dialect's adapter claim what it reads, validate
 * every normalized run against schemas/ with ajv, and hand the result to the content writer.
 * Nothing here writes; `writeContent` does, atomically.
 */
import { createHash } from 'node:crypto';
import { basename, join, relative, resolve } from 'node:path';
import type { Adapter, AdapterResult, Probe, ReadContext, RunDraft, SpooledExamples } from './adapter.ts';
import type { Dialect, ExampleLabel, ExampleRecord, NormalizedRecord, NormalizedRun, NormalizedStudy, Problem, SampledAnalysis } from '../../schemas/types.gen.ts';
import { analyzeRuns, type AnalysisOptions } from '../analysis/from-runs.ts';
import { ADAPTERS, adapterFor } from './adapters/index.ts';
import { decodeText, looksBinary, type DecodedText } from './lib/decode-text.ts';
import { InputFiles, type Fingerprint } from './lib/input-files.ts';
import { readJsonlFile } from './lib/jsonl.ts';
import { duplicateKeys, locatePointer, parseJson } from '../../domain/json-source.ts';
import { ProblemLog } from '../../domain/problems.ts';
import { redactExamples, redactText, redactValue } from './lib/redact.ts';
import { validate } from '../../domain/validate.ts';
import { flagImpossibleValues } from './impossible-values.ts';
import { sniffUnsupported } from './lib/sniff-unsupported.ts';
import { slug } from '../../domain/ids.ts';
import { dict } from '../../domain/guards.ts';
import { inferStudies } from './infer-studies.ts';
import { packOutcomes, unpackOutcomes, type CachedInput, type InputCache } from './input-cache.ts';
import { quickStudy, resolveDeclared, type RunSelector, type StudyFileSource } from './declared-studies.ts';

export { slug };

export interface IngestOptions {
  inputs: string[];
  /** Read every input with this dialect instead of detecting it. */
  dialect?: Dialect;
  /** Base for the paths shown in problems and sources (default: the working directory). */
  root?: string;
  /** Called once per input handled, for progress output. */
  onInput?: (rel: string, done: number) => void;
  /** Sampled-evaluation replay on tasks with per-example results of several models (false: skip). */
  analysis?: AnalysisOptions | false;
  /** Studies the user declares (a study file). */
  studies?: StudyFileSource;
  /** The quick form: a study of this baseline against every run sharing a task with it. */
  quickStudy?: { title: string; baseline: RunSelector };
  /** Largest file read whole (default: the engine's string limit); lowered by tests. */
  maxWholeFileBytes?: number;
  /**
   * Takes each accepted run's per-example records (redacted) as soon as the run is read, to write
   * them out; the result then keeps only their ids and outcomes (what the replay needs), so memory
   * holds one run's examples at a time, not every run's.
   */
  exampleSink?: (run: NormalizedRun, examples: Record<string, ExampleRecord[]>, spooled: Record<string, SpooledExamples>) => void;
  /** Lets readers write a task's records out as they read them (with exampleSink, which takes them). */
  exampleSpool?: () => SpooledExamples;
  /** Takes unchanged inputs from the previous ingest instead of reading them (input-cache.ts). */
  inputCache?: InputCache;
}

export interface IngestResult {
  runs: NormalizedRun[];
  studies: NormalizedStudy[];
  records: NormalizedRecord[];
  /** Sampled-evaluation analyses per task. */
  analyses: SampledAnalysis[];
  /** Per-example records by run id and task (only id and status when an exampleSink took them). */
  examples: Map<string, Record<string, ExampleRecord[]>>;
  problems: Problem[];
  stats: { inputs: number; filesRead: number; bytesRead: number; skipped: number; cached: number };
}

/** Marks a shards folder that `collect merge` joined into its study (scripts/collect/merge.ts). */
const MERGED_MARKER = '.evalsite-merged';
const IGNORED_NAMES = /^(README(\..*)?|LICENSE.*|EXAMPLE\.json|\.gitkeep|\.DS_Store|MANIFEST\.md)$/i;
const MARKER = 'EXAMPLE.json';

/** Reads all inputs into validated normalized runs and studies, collecting problems. */
export function ingest(opts: IngestOptions): IngestResult {
  const root = resolve(opts.root ?? process.cwd());
  const problems = new ProblemLog();
  const stats = { inputs: 0, filesRead: 0, bytesRead: 0, skipped: 0, cached: 0 };
  const textCache = new Map<string, DecodedText | undefined>();
  const rel = (p: string) => printable(relative(root, p) || basename(p));
  const files = new InputFiles(problems, rel, opts.maxWholeFileBytes);
  for (const input of opts.inputs) files.addRoot(input);
  const jsonCache = new Map<string, { value: unknown; text: string } | undefined>();
  const reportedJson = new Set<string>();

  const ctx: ReadContext = {
    problems,
    rel,
    tree: files,
    readText(path) {
      files.note(path);
      if (textCache.has(path)) return textCache.get(path);
      const bytes = files.readWhole(path);
      const decoded = bytes ? decodeReported(bytes, rel(path), problems) : undefined;
      textCache.set(path, decoded);
      return decoded;
    },
    readJsonl(path, dialect) {
      return readJsonlFile(files, path, rel(path), problems, dialect);
    },
    eachJsonl(path, onLine, dialect) {
      return readJsonlFile(files, path, rel(path), problems, dialect, undefined, onLine) !== undefined;
    },
    ...(opts.exampleSpool ? { spool: opts.exampleSpool } : {}),
    readBytes(path) {
      return files.readWhole(path);
    },
    readHead(path, bytes) {
      return files.readHead(path, bytes);
    },
    firstLine(path) {
      const head = files.readHead(path, 64 * 1024);
      if (!head || looksBinary(head)) return '';
      return decodeText(head).text.split('\n', 1)[0] ?? '';
    },
    readJson(path, dialect) {
      files.note(path);
      if (!jsonCache.has(path)) {
        const decoded = ctx.readText(path);
        let entry: { value: unknown; text: string } | undefined;
        if (decoded) {
          const parsed = parseJson(decoded.text);
          if (parsed.ok) {
            entry = { value: parsed.value, text: decoded.text };
            if (parsed.nonFinite.length) {
              problems.warning(rel(path), `${parsed.nonFinite.length} non-finite number(s) (NaN/Infinity, not valid JSON) kept as missing values`, { pointer: parsed.nonFinite[0], ...(dialect ? { dialect } : {}) });
            }
            // Results documents are small; a key written twice is a merge gone wrong, worth a word.
            const dupes = decoded.text.length <= DUPLICATE_CHECK_MAX_CHARS ? duplicateKeys(decoded.text) : undefined;
            if (dupes?.length && !reportedJson.has(path)) {
              reportedJson.add(path);
              const at = locatePointer(decoded.text, dupes[0]!);
              problems.warning(rel(path), `${dupes.length} key(s) written twice in one object; the last value of each is used`, { pointer: dupes[0]!, ...(at ? { line: at.line, column: at.column } : {}), ...(dialect ? { dialect } : {}) });
            }
          } else if (!reportedJson.has(path)) {
            reportedJson.add(path);
            problems.error(rel(path), decoded.text.trim() === '' ? 'file is empty' : `${parsed.truncated ? 'JSON ends early (file truncated?)' : 'invalid JSON'}: ${parsed.message}`, {
              line: parsed.position.line,
              column: parsed.position.column,
              ...(dialect ? { dialect } : {}),
            });
          }
        }
        jsonCache.set(path, entry);
      }
      return jsonCache.get(path);
    },
  };

  const runs: NormalizedRun[] = [];
  const studies: NormalizedStudy[] = [];
  const records: NormalizedRecord[] = [];
  const examples = new Map<string, Record<string, ExampleRecord[]>>();
  const usedIds = new Set<string>();
  const consumed = new Set<string>();

  const accept = (result: AdapterResult, probe: Probe, label: ExampleLabel | undefined) => {
    for (const c of result.consumed ?? []) consumed.add(resolve(c));
    const ids: (string | undefined)[] = result.runs.map((draft) => {
      flagImpossibleValues(draft, draft.sources[0]?.path ?? probe.rel, problems);
      const run = finishRun(draft, probe, label, usedIds, root, files);
      const problemsFound = validate('normalized-run.schema.json', run, { file: probe.rel, dialect: draft.dialect });
      const spooled = draft.spooled ?? {};
      if (problemsFound.length) {
        for (const p of problemsFound) problems.add({ ...p, message: `normalized run rejected: ${p.message}` });
        for (const s of Object.values(spooled)) s.discard();
        return undefined;
      }
      usedIds.add(run.id);
      runs.push(run);
      const listed = draft.examples ?? {};
      if (Object.keys(listed).length || Object.keys(spooled).length) {
        // Prompts and model outputs may quote a key; shards and the site must not (spools redact as they write).
        for (const task of Object.keys(listed)) listed[task] = redactExamples(listed[task]!);
        if (opts.exampleSink) {
          opts.exampleSink(run, listed, spooled);
          const kept = outcomesOnly(listed);
          for (const [task, s] of Object.entries(spooled)) kept[task] = s.outcomes();
          examples.set(run.id, kept);
        } else examples.set(run.id, listed);
      }
      return run.id;
    });
    acceptRecords(result, ids, probe, label);
    for (const s of result.studies ?? []) {
      const variants = s.variants.filter((v) => ids[v.runIndex]).map((v) => ({ name: v.name, runId: ids[v.runIndex]!, ...(v.description ? { description: v.description } : {}) }));
      const baseline = ids[s.baselineIndex];
      if (!baseline || variants.length === 0) {
        problems.error(probe.rel, 'study skipped: its baseline run was rejected');
        continue;
      }
      const { idHint, baselineIndex: _b, variants: _v, ...rest } = s;
      const study: NormalizedStudy = { ...rest, id: uniqueId(slug(idHint ?? s.title), usedIds, probe.rel), baseline, variants };
      if (label) study.example = label;
      keepStudy(study, probe.rel, 'normalized', studies, usedIds, problems);
    }
  };

  const acceptRecords = (result: AdapterResult, ids: (string | undefined)[], probe: Probe, label: ExampleLabel | undefined) => {
    for (const r of result.records ?? []) {
      const runId = ids[r.runIndex];
      if (!runId) continue;
      const record: NormalizedRecord = { id: r.lang ? `${runId}-${r.lang}` : runId, title: r.title, runId, markdown: r.markdown, sources: [{ path: r.source ?? probe.rel }], ...(r.lang ? { lang: r.lang } : {}), ...(label ? { example: label } : {}) };
      const bad = validate('normalized-record.schema.json', record, { file: probe.rel });
      if (bad.length) bad.forEach((p) => problems.add(p));
      else records.push(record);
    }
  };

  // Real paths already walked: a link to a folder (or file) read elsewhere in the tree, or to an
  // ancestor, is not read again.
  const walked = new Set<string>();
  const visit = (path: string, label: ExampleLabel | undefined, depth: number) => {
    const abs = resolve(path);
    if (consumed.has(abs)) return;
    const entry = files.entry(abs);
    if (!entry) {
      if (depth === 0 && !files.wasRefused(abs)) problems.error(rel(abs), 'input does not exist');
      return;
    }
    if (walked.has(entry.real)) {
      problems.add({ severity: 'info', file: rel(abs), message: 'the same file or folder as one read elsewhere in the input (a link); not read twice' });
      return;
    }
    walked.add(entry.real);
    const name = basename(abs);
    if (entry.kind === 'dir') {
      if (depth > MAX_DEPTH) {
        problems.warning(rel(abs), `folder nested more than ${MAX_DEPTH} levels deep; not read`);
        return;
      }
      const listed = files.list(abs);
      // The shards of a collector study after `collect merge`: their files are in the study's run
      // folders, which are read; reading the shards too would count every run twice.
      if (listed.includes(MERGED_MARKER)) {
        problems.add({ severity: 'info', file: rel(abs), message: 'not read: shards already merged into the study beside them (collect merge)' });
        return;
      }
      for (const e of listed.filter(isHidden)) problems.add({ severity: 'info', file: rel(join(abs, e)), message: 'not read: hidden (dot) file or folder' });
      const entries = listed.filter((e) => !isHidden(e)).sort(visitOrder(abs, files));
      if (entries.includes(MARKER)) label = readMarker(join(abs, MARKER), ctx) ?? label;
      const probe: Probe = { path: abs, rel: rel(abs), kind: 'dir', name, entries: entries.filter((e) => !IGNORED_NAMES.test(e)) };
      const adapter = adapterFor(probe, ctx, opts.dialect, 'dir');
      if (adapter) return handle(adapter, probe, label);
      for (const e of entries) visit(join(abs, e), label, depth + 1);
      return;
    }
    if (IGNORED_NAMES.test(name)) return;
    const probe: Probe = { path: abs, rel: rel(abs), kind: 'file', name };
    const adapter = adapterFor(probe, ctx, opts.dialect, 'file');
    if (adapter) return handle(adapter, probe, label);
    stats.skipped++;
    if (!problems.items.some((p) => p.file === probe.rel && p.severity === 'error')) {
      problems.add({ severity: 'info', file: probe.rel, message: `not read: ${sniffUnsupported(probe, ctx) ?? 'no reader recognises this file'}` });
    }
  };

  // Texts are cached for detection and reading of one input; kept longer they hold every file read.
  const dropCaches = () => {
    textCache.clear();
    jsonCache.clear();
  };

  const handle = (adapter: Adapter, probe: Probe, label: ExampleLabel | undefined) => {
    stats.inputs++;
    const key = `${adapter.dialect}\u0000${probe.path}\u0000${label ? JSON.stringify(label) : ''}`;
    const hit = opts.inputCache?.lookup(key);
    if (hit && restore(hit)) {
      opts.inputCache!.keep(key, hit);
      stats.cached++;
      dropCaches();
      opts.onInput?.(probe.rel, stats.inputs);
      return;
    }
    const mark = { runs: runs.length, studies: studies.length, records: records.length, problems: problems.items.length };
    let gave: string[] = [];
    files.track();
    try {
      const result = adapter.read(probe, ctx);
      gave = result.consumed ?? [];
      accept(result, probe, label);
      if (runs.length === mark.runs && !problems.items.some((p) => p.file.startsWith(probe.rel) && p.severity !== 'info')) {
        problems.add({ severity: 'info', file: probe.rel, dialect: adapter.dialect, message: 'read, but it holds no results' });
      }
    } catch (err) {
      problems.error(probe.rel, `${adapter.dialect} reader failed: ${(err as Error).message}`, { dialect: adapter.dialect });
    }
    const seen = files.tracked();
    const mine = runs.slice(mark.runs);
    opts.inputCache?.store(key, {
      seen,
      runs: mine,
      outcomes: mine.map((r) => [r.id, packOutcomes(examples.get(r.id) ?? {})]),
      studies: studies.slice(mark.studies),
      records: records.slice(mark.records),
      problems: problems.items.slice(mark.problems),
      consumed: gave,
    });
    dropCaches();
    opts.onInput?.(probe.rel, stats.inputs);
  };

  /** Takes an input's cached result as if just read; false (and nothing taken) when an id is taken or a shard is gone. */
  const restore = (hit: CachedInput): boolean => {
    const ids = [...hit.runs.map((r) => r.id), ...hit.studies.map((s) => s.id)];
    if (ids.some((id) => usedIds.has(id)) || new Set(ids).size !== ids.length || !opts.inputCache!.hasShards(hit.runs)) return false;
    opts.inputCache!.linkShards(hit.runs);
    const outcomes = new Map(hit.outcomes);
    for (const run of hit.runs) {
      const copy = structuredClone(run);
      runs.push(copy);
      usedIds.add(copy.id);
      const packed = outcomes.get(copy.id);
      if (packed?.length) examples.set(copy.id, unpackOutcomes(packed));
    }
    for (const s of hit.studies) {
      studies.push(structuredClone(s));
      usedIds.add(s.id);
    }
    for (const r of hit.records) records.push(structuredClone(r));
    for (const p of hit.problems) problems.add(p);
    for (const c of hit.consumed) consumed.add(resolve(c));
    return true;
  };

  for (const input of opts.inputs) visit(input, undefined, 0);
  stats.filesRead = files.stats.filesRead;
  stats.bytesRead = files.stats.bytesRead;
  if (opts.studies) acceptDeclaredStudies(opts.studies, runs, studies, usedIds, problems);
  if (opts.quickStudy) acceptDeclaredStudies({ file: '--study', value: quickStudy(opts.quickStudy.title, opts.quickStudy.baseline, runs) }, runs, studies, usedIds, problems);
  acceptInferredStudies(runs, studies, usedIds, problems);
  const analyses = opts.analysis === false ? [] : analyzeRuns(runs, examples, opts.analysis ?? {}, opts.inputCache?.replays);
  return { runs, studies, records, analyses, examples, problems: problems.items, stats };
}

/** What the replay needs of examples written out already: which example, and its outcome. */
function outcomesOnly(perTask: Record<string, ExampleRecord[]>): Record<string, ExampleRecord[]> {
  const out = dict<ExampleRecord[]>();
  for (const [task, records] of Object.entries(perTask)) out[task] = records.map((r) => ({ id: r.id, status: r.status }));
  return out;
}

// Files before folders (a study summary names the run folders it reads), and results files before
// the per-example files they pull in.
function visitOrder(dir: string, files: InputFiles): (a: string, b: string) => number {
  const rank = (n: string) => {
    const e = files.entry(join(dir, n));
    if (!e) return 3;
    if (e.kind === 'dir') return 2;
    return n.startsWith('samples_') ? 1 : 0;
  };
  return (a, b) => rank(a) - rank(b) || a.localeCompare(b);
}

/** Declared studies (declared-studies.ts); known example counts are set where a run has none. */
function acceptDeclaredStudies(src: StudyFileSource, runs: NormalizedRun[], studies: NormalizedStudy[], usedIds: Set<string>, problems: ProblemLog): void {
  const byId = new Map(runs.map((r) => [r.id, r]));
  for (const { study: draft, n } of resolveDeclared(src, runs, problems)) {
    const { idHint, ...rest } = draft;
    const study: NormalizedStudy = { ...rest, id: uniqueId(slug(idHint), usedIds, draft.title) };
    if (!keepStudy(study, src.file, 'declared', studies, usedIds, problems) || !n) continue;
    for (const v of study.variants) {
      for (const t of byId.get(v.runId)?.tasks ?? []) {
        const known = Object.hasOwn(n, t.task) ? n[t.task] : undefined;
        if (known !== undefined && t.numSamples === undefined) t.numSamples = known;
      }
    }
  }
}

/** Studies for runs no source put in one (infer-studies.ts), validated like the others. */
function acceptInferredStudies(runs: NormalizedRun[], studies: NormalizedStudy[], usedIds: Set<string>, problems: ProblemLog): void {
  const inStudy = new Set(studies.flatMap((s) => s.variants.map((v) => v.runId)));
  const byId = new Map(runs.map((r) => [r.id, r]));
  for (const s of inferStudies(runs, inStudy)) {
    const sources = s.variants.flatMap((v) => byId.get(v.runId)?.sources ?? []);
    const examples = s.variants.map((v) => byId.get(v.runId)?.example);
    const study: NormalizedStudy = { id: uniqueId(slug(`${s.model}-variants`), usedIds, s.title), title: s.title, model: s.model, baseline: s.baselineRunId, variants: s.variants, sources, inferred: s.basis };
    const label = examples.every((e) => e) ? examples[0] : undefined;
    if (label) study.example = label;
    keepStudy(study, sources[0]?.path ?? s.title, 'inferred', studies, usedIds, problems);
  }
}

/** Validates a study and keeps it, or reports why it was rejected; true when kept. */
function keepStudy(study: NormalizedStudy, file: string, kind: 'normalized' | 'declared' | 'inferred', studies: NormalizedStudy[], usedIds: Set<string>, problems: ProblemLog): boolean {
  const bad = validate('normalized-study.schema.json', study, { file });
  for (const p of bad) problems.add({ ...p, message: `${kind} study rejected: ${p.message}` });
  if (bad.length) return false;
  usedIds.add(study.id);
  studies.push(study);
  return true;
}

function readMarker(path: string, ctx: ReadContext): ExampleLabel | undefined {
  const doc = ctx.readJson(path);
  if (!doc) return undefined;
  const v = doc.value as Partial<ExampleLabel>;
  if (typeof v.origin !== 'string' || typeof v.illustrative !== 'boolean') {
    ctx.problems.error(ctx.rel(path), 'example marker needs "origin" (string) and "illustrative" (boolean)', { pointer: '' });
    return undefined;
  }
  return { origin: v.origin, illustrative: v.illustrative, ...(typeof v.note === 'string' ? { note: v.note } : {}) };
}

function finishRun(draft: RunDraft, probe: Probe, label: ExampleLabel | undefined, used: Set<string>, root: string, files: InputFiles): NormalizedRun {
  const { idHint, examples, spooled, ...rest } = draft;
  const run: NormalizedRun = { ...rest, id: uniqueId(slug(idHint ?? [draft.model.split('/').pop(), draft.variant === draft.model ? undefined : draft.variant].filter(Boolean).join('-')), used, probe.rel + (draft.variant ?? '') + draft.model) };
  if (label && !run.example) run.example = label;
  // Defense in depth: whatever an adapter forgot, secrets never leave ingest.
  if (run.settings) run.settings = redactValue(run.settings);
  if (run.configFiles) run.configFiles = run.configFiles.map((f) => ({ ...f, text: redactText(f.text) }));
  if (run.environment?.command) run.environment.command = redactText(run.environment.command);
  run.sources = run.sources.map((s) => {
    const known: Fingerprint | undefined = files.fingerprint(resolve(root, s.path));
    return known ? { path: s.path, ...known } : { path: s.path };
  });
  return run;
}

/** Decodes a file's bytes, reporting what had to be done to them. */
function decodeReported(bytes: Buffer, file: string, problems: ProblemLog): DecodedText | undefined {
  if (looksBinary(bytes.subarray(0, 8192))) {
    problems.error(file, 'binary file (NUL bytes), not text; not read');
    return undefined;
  }
  const decoded = decodeText(bytes);
  if (decoded.encoding === 'gb18030') problems.warning(file, 'file is not UTF-8; read as GB18030/GBK', { found: 'GBK-encoded bytes' });
  if (decoded.encoding === 'utf-16le' || decoded.encoding === 'utf-16be') problems.add({ severity: 'info', file, message: `file is ${decoded.encoding.toUpperCase()}; decoded as such` });
  if (decoded.badBytes) {
    const { count, offsets } = decoded.badBytes;
    problems.warning(file, `${count} invalid UTF-8 byte sequence(s), read as U+FFFD; at byte offset(s) ${offsets.join(', ')}${count > offsets.length ? ', …' : ''}`, { found: 'invalid UTF-8' });
  }
  if (decoded.mojibake) {
    problems.warning(file, `UTF-8 text had been mis-decoded and re-encoded (mojibake); repaired ${decoded.mojibake.repairedRuns} runs, ${decoded.mojibake.unrecoverableChars} characters could not be recovered (shown as �)`, { found: 'mojibake' });
  }
  return decoded;
}

const MAX_DEPTH = 32;
const DUPLICATE_CHECK_MAX_CHARS = 8 << 20;

function isHidden(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** A file name as shown in messages and on the site: control characters escaped, never interpreted. */
export function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function uniqueId(base: string, used: Set<string>, salt: string): string {
  if (!used.has(base)) return base;
  const h = createHash('sha256').update(salt).digest('hex');
  for (let n = 6; n < 40; n += 2) {
    const id = `${base}-${h.slice(0, n)}`;
    if (!used.has(id)) return id;
  }
  let i = 2;
  while (used.has(`${base}-${i}`)) i++;
  return `${base}-${i}`;
}

export { ADAPTERS };
