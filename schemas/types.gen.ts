// Generated from schemas/*.schema.json by scripts/gen-types.ts. Do not edit: run npm run gen:types.

/**
 * <bench>/<bench>_metrics.json of a canonical run directory (seed 003).
 */

export interface BenchMetrics {
benchmark: string
/**
 * Percent correct among scorable examples; null without labels.
 */
accuracy_pct?: (number | null)
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_total?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_scorable?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_correct?: number
/**
 * Examples without a parseable answer, or whose request errored; excluded from the denominator.
 */
unscorable_examples?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_shots?: number
max_tokens?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
latency_seconds?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
questions_per_second?: number
has_labels?: boolean
note?: string
/**
 * Set when only a seeded subset was evaluated: never mistake it for a full run.
 */
sampling?: {
fraction?: number
count?: number
seed?: number
/**
 * Size of the full data set.
 */
of?: number
stratify_by?: string
}
/**
 * Written by collect --until-decided: how the variant was stopped.
 */
sequential?: {
/**
 * Hedged betting confidence sequence (Waudby-Smith & Ramdas) on the paired difference.
 */
rule: "betting-confidence-sequence"
margin: number
alpha: number
call: ("non-inferior" | "inferior" | "undecided")
/**
 * Paired examples the decision used.
 */
n_used: number
/**
 * Examples of the full set.
 */
n_total: number
decided_at?: number
/**
 * Confidence sequence on variant minus baseline accuracy (fractions) at n_used.
 */
interval: {
low: number
high: number
}
discordant?: {
lost: number
gained: number
}
order_seed?: number
stratify_by?: string
/**
 * The baseline variant whose answers were paired.
 */
baseline?: string
/**
 * Ids of the examples the decision used, in the order they entered the sequence (answers in flight at the decision are kept in the results but not used).
 */
used_ids?: string[]
}
/**
 * Absent for accuracy benchmarks; perplexity for a token-level run (collect's type: perplexity).
 */
type?: "perplexity"
/**
 * perplexity: how the log-probabilities were obtained (prompt_logprobs).
 */
method?: string
/**
 * perplexity: exp(mean NLL) over the predicted tokens of the windows.
 */
ppl?: number
/**
 * perplexity: mean negative log-likelihood per predicted token (nats).
 */
nll?: number
seq_len?: number
num_windows?: number
/**
 * perplexity: predicted tokens (each window's first is context only).
 */
num_tokens?: number
top_k?: number
/**
 * perplexity: hash of the windows' token ids; equal hashes mean the same windows.
 */
windows_hash?: string
/**
 * perplexity, variants: KL(baseline ‖ variant) of the next-token distributions per position (nats) and the share of positions whose top token agrees.
 */
kl?: (null | {
baseline: string
mean: number
median: number
p99: number
same_top_token_pct: number
positions: number
windows?: number
approximation?: string
/**
 * Standard error of the mean KL from the spread between windows (positions within a window are not independent).
 */
mean_se?: number
/**
 * Standard error of same_top_token_pct from the spread between windows, in percentage points.
 */
same_top_token_se_pct?: number
})
kl_note?: string
}

/**
 * content/manifest.json: what one ingest wrote, and from which inputs. Its presence marks content/ as generated.
 */

export interface ContentManifest {
/**
 * When ingest ran (ISO 8601).
 */
generatedAt: string
/**
 * The paths ingest was given.
 */
inputs: string[]
runs: number
studies: number
problems: {
error: number
warning: number
info: number
}
/**
 * Some runs are embedded example data (the site shows a banner).
 */
exampleData: boolean
/**
 * Every run is example data.
 */
onlyExampleData: boolean
}

/**
 * An Every Eval Ever aggregate record (the EvalEval Coalition's eval.schema.json, 0.2.x): the part evalsite reads when importing. Detail values are strings by that schema. Unknown keys are allowed here; the export writes the full required set.
 */

export interface EeeAggregate {
schema_version: string
evaluation_id: string
evaluation_timestamp?: string
retrieved_timestamp?: string
source_metadata?: {

}
eval_library?: {
name?: string
version?: string
}
model_info: {
name?: string
id: string
developer?: string
additional_details?: {

}
}
evaluation_results: {
evaluation_name: string
source_data?: {
dataset_name?: string
}
evaluation_timestamp?: string
metric_config?: {
evaluation_description?: string
metric_name?: string
lower_is_better?: boolean
score_type?: string
min_score?: number
max_score?: number
}
score_details: {
score: (number | null)
details?: {

}
uncertainty?: {
standard_error?: {
value?: number
}
num_samples?: number
}
}
generation_config?: {

}
}[]
}

/**
 * One line of an Every Eval Ever instance-level JSONL as the export writes it: the required fields of instance_level_eval.schema.json 0.2.1 for single-turn samples.
 */

export interface EeeExportInstance {
schema_version: "instance_level_eval_0.2.1"
evaluation_id: string
model_id: string
evaluation_name: string
sample_id: string
sample_hash?: string
interaction_type: "single_turn"
input: {
raw: string
reference: string[]
}
output: {
raw: string[]
}
messages: null
answer_attribution: {
turn_idx: 0
source: string
extracted_value: string
extraction_method: string
is_terminal: boolean
}[]
evaluation: {
score: number
is_correct: boolean
}
error?: (string | null)
metadata?: ({
[k: string]: string
} | null)
}

/**
 * An Every Eval Ever aggregate record as `npm run export -- --format eee` writes it: the required fields and value types of the EvalEval Coalition's eval.schema.json 0.2.x (detail values are strings there), with nothing it would not accept.
 */

export interface EeeExport {
schema_version: "0.2.2"
evaluation_id: string
evaluation_timestamp?: string
/**
 * Unix epoch seconds.
 */
retrieved_timestamp: string
source_metadata: {
source_name?: string
source_type: ("documentation" | "evaluation_run")
source_organization_name: string
evaluator_relationship: ("first_party" | "third_party" | "collaborative" | "other")
additional_details?: StringMap
}
eval_library: {
name: string
version: string
additional_details?: StringMap
}
model_info: {
name: string
id: string
developer?: string
inference_engine?: {
name?: string
version?: string
}
additional_details?: StringMap
}
/**
 * @minItems 1
 */
evaluation_results: {
evaluation_name: string
source_data: {
dataset_name: string
source_type: "other"
additional_details?: StringMap
}
evaluation_timestamp?: string
metric_config: {
evaluation_description?: string
lower_is_better: boolean
score_type?: ("binary" | "continuous" | "levels")
min_score?: number
max_score?: number
additional_details?: StringMap
}
score_details: {
score: number
details?: StringMap
uncertainty?: {
standard_error?: {
value: number
method?: string
}
num_samples?: number
}
}
generation_config?: {
additional_details?: StringMap
}
}[]
detailed_evaluation_results?: {
format?: "jsonl"
file_path?: string
total_rows?: number
}
}

export interface StringMap {
[k: string]: string
}

/**
 * One line of an Every Eval Ever instance-level JSONL (instance_level_eval.schema.json, 0.2.x): the part evalsite reads. Unknown keys are allowed.
 */

export interface EeeInstance {
schema_version?: string
evaluation_id: string
model_id: string
evaluation_name?: string
sample_id: (string | number)
input?: ({
raw?: (string | null)
reference?: unknown
choices?: unknown
} | null)
output?: ({
raw?: unknown
} | null)
evaluation?: ({
score?: (number | boolean | null)
is_correct?: (boolean | null)
} | null)
}

/**
 * Where a run happened: hardware, software and provenance. Secrets never appear here.
 */

export interface Environment {
hostname?: string
os?: string
python?: string
gpus?: {
index?: number
name: string
memoryMb?: number
}[]
driver?: string
cuda?: string
cudnn?: string
/**
 * Package name -> version (torch, vllm, transformers, lm-eval...).
 */
packages?: {
[k: string]: string
}
gitCommit?: (string | null)
seed?: (number | null)
configHash?: string
slurmJobId?: (string | null)
/**
 * The command line that produced the run.
 */
command?: string
startedAt?: string
}

/**
 * EvalScope's reports/<model>/<dataset>.json: a dataset's score per metric, broken down by category and subset (micro mean; macro_score is the mean over parts). Older reports name it <model>_<dataset> and have no perf_metrics. Unknown keys are allowed.
 */

export interface EvalscopeReport {
name?: string
model_name: string
dataset_name: string
dataset_pretty_name?: string
score?: number
num?: number
/**
 * @minItems 1
 */
metrics: {
name: string
num?: number
score: number
macro_score?: number
categories?: {
name?: (string[] | string)
num?: number
score?: number
macro_score?: number
subsets?: {
name: string
score: number
num?: number
}[]
}[]
}[]
/**
 * Latency, TTFT and TPOT in seconds (mean, std, min, 25%..99%, max) and throughput measured while evaluating.
 */
perf_metrics?: {
summary?: {

}
}
}

/**
 * content/examples/<run>/<task>/index.json: the shards of one task's per-example records, which the examples browser loads one by one.
 */

export interface ExampleIndex {
runId: string
task: string
count: number
/**
 * Records per status.
 */
counts: {
correct: number
incorrect: number
unscorable: number
unlabelled: number
}
/**
 * Shard files beside the index, in order; names carry a content hash so browsers may cache them forever. A shard is a JSON array of records, gzip-compressed (.json.gz; readers sniff the gzip magic bytes).
 */
shards: {
file: string
count: number
}[]
}

/**
 * unscorable: no answer could be extracted; unlabelled: the source has no reference to score against.
 */

export type ExampleStatus = ("correct" | "incorrect" | "unscorable" | "unlabelled")

/**
 * One evaluated example as content/examples shards hold it, whatever dialect it came from.
 */

export interface ExampleRecord {
/**
 * Stable id within the task (doc_id, dataset id or line index); flips are found by it.
 */
id: string
status: ExampleStatus
prompt?: string
response?: string
reference?: string
/**
 * The answer the scorer extracted from the response.
 */
extracted?: (string | null)
/**
 * [start, end) of the extracted answer in response.
 * 
 * @minItems 2
 * @maxItems 2
 */
extractedSpan?: number[]
/**
 * Why the example is unscorable.
 */
reason?: string
/**
 * The scorer's explanation (model-graded and rubric scorers).
 */
explanation?: string
subject?: string
metrics?: {
[k: string]: number | null
}
}

/**
 * One shard file (gzip-compressed JSON): up to 500 per-example records, the start their prompts share (a few-shot prefix, most of each prompt) stored once. A record's prompt is promptPrefix followed by the record's own prompt; a record without a prompt has none. Shards written before this shape are a plain array of whole records; readers accept both.
 */

export interface ExampleShard {
promptPrefix: string
/**
 * Records as example-record.schema.json describes them (not referenced here: the generated types would declare ExampleRecord twice), each prompt without promptPrefix.
 */
records: {

}[]
}

export type Totals = ({
successful?: (number | null)
errored?: (number | null)
incomplete?: (number | null)
total?: (number | null)
} | null)

export type StatusDistribution = ({
successful?: Distribution
} | null)

export type Distribution = ({
mean?: (number | null)
median?: (number | null)
std_dev?: (number | null)
count?: (number | null)
total_sum?: (number | null)
percentiles?: ({
[k: string]: number | null
} | null)
} | null)

/**
 * A GuideLLM benchmarks report (benchmarks.json): the older layout {benchmarks} with args / run_stats / worker per benchmark, or the newer {metadata, args, benchmarks} with config / scheduler_state. Each metric is a status-split distribution {successful, errored, incomplete, total}; the part evalsite reads. Unknown keys are allowed.
 */

export interface GuidellmReport {
metadata?: {
guidellm_version?: string
}
args?: {
model?: (string | null)
target?: (string | null)
data?: unknown
}
/**
 * @minItems 1
 */
benchmarks: {
type_?: string
start_time?: (number | null)
end_time?: (number | null)
duration?: (number | null)
args?: {
strategy?: Strategy
}
config?: {
strategy?: Strategy
}
worker?: {
backend_model?: (string | null)
backend_target?: (string | null)
}
request_loader?: {
data?: unknown
}
request_totals?: Totals
metrics: {
request_totals?: Totals
[k: string]: StatusDistribution | Totals | undefined
}
}[]
}

export interface Strategy {
/**
 * synchronous, concurrent, throughput, constant, poisson.
 */
type_: string
rate?: (number | null)
streams?: (number | null)
max_concurrency?: (number | null)
}

/**
 * HELM's run_spec.json: the run's name (scenario:args,model=org_model), the scenario and adapter specs. The part evalsite reads; unknown keys are allowed.
 */

export interface HelmRunSpec {
name: string
scenario_spec?: {
class_name?: string
args?: {

}
}
adapter_spec?: {
model?: string
method?: string
max_eval_instances?: (number | null)
}
groups?: string[]
}

/**
 * HELM's stats.json (and each per_instance_stats entry's stats): a list of Stat objects keyed by name {name, split[, sub_split][, perturbation]}; one metric name appears once per split and perturbation. Stats with count 0 omit mean/min/max.
 */

export type HelmStats = HelmStat[]

export interface HelmStat {
name: {
name: string
split?: string
sub_split?: string
perturbation?: {
name?: string
computed_on?: string
}
}
count?: number
sum?: number
mean?: number
stddev?: number
min?: number
max?: number
}

/**
 * The part of an Inspect AI eval log evalsite reads: a JSON log, or header.json of a .eval zip (whose samples are separate files). Log versions 1 and 2; metric objects carry `options` (older) or `params` (newer). Unknown keys are allowed.
 */

export interface InspectLog {
version?: number
status?: ("started" | "success" | "cancelled" | "error")
eval: {
run_id?: string
created?: string
task: string
task_version?: (number | string)
model: string
model_args?: {

}
task_args?: {

}
dataset?: {
name?: (string | null)
/**
 * Size of the whole dataset.
 */
samples?: (number | null)
sample_ids?: (unknown[] | null)
}
config?: {
limit?: (number | unknown[] | null)
epochs?: (number | null)
}
revision?: ({
commit?: string
} | null)
packages?: {
[k: string]: string
}
}
plan?: {

}
results?: ({
total_samples?: number
completed_samples?: number
scores?: {
name: string
scorer?: string
reducer?: (string | null)
metrics: {
[k: string]: {
name?: string
value: (number | null)
}
}
}[]
} | null)
stats?: {
started_at?: string
completed_at?: string
}
error?: ({
message?: string
} | null)
samples?: (InspectSample[] | null)
}
/**
 * One Inspect AI sample (an entry of a JSON log's samples, or samples/<id>_epoch_<n>.json in a .eval zip): the part evalsite reads. Scores are letters (C, I, P, N), numbers or booleans.
 */

export interface InspectSample {
id: (number | string)
epoch?: number
input?: unknown
target?: unknown
output?: {

}
scores?: ({
[k: string]: {
value?: unknown
answer?: (string | null)
explanation?: (string | null)
}
} | null)
error?: unknown
}

/**
 * One Inspect AI sample (an entry of a JSON log's samples, or samples/<id>_epoch_<n>.json in a .eval zip): the part evalsite reads. Scores are letters (C, I, P, N), numbers or booleans.
 */

/**
 * A markdown experiment record (seed 001) kept as written, linked to the run read from it; content/records/. Rendered with HTML disabled.
 */

export interface NormalizedRecord {
id: string
title: string
/**
 * The run whose figures were read from this record.
 */
runId: string
/**
 * The record's text (decoded and repaired, secrets masked).
 */
markdown: string
sources: SourceFile[]
example?: ExampleLabel
/**
 * The record's language, when its run has one record per language (the collector writes both).
 */
lang?: ("en" | "zh")
}

export interface SourceFile {
path: string
/**
 * First 16 hex digits of the file's SHA-256.
 */
sha256?: string
bytes?: number
}
/**
 * Marks embedded example data so the site never presents it as a real result.
 */

export interface ExampleLabel {
/**
 * Where the figures come from, e.g. 'seed 000'.
 */
origin: string
/**
 * True when numbers were made up for the demo rather than taken from a document.
 */
illustrative: boolean
note?: string
}

/**
 * Which reader produced the run.
 */

export type Dialect = ("canonical" | "variant-comparison" | "lm-eval" | "lm-eval-samples" | "task-results" | "vllm-bench" | "markdown-record" | "lm-eval-table" | "csv" | "compare-printout" | "per-model-jsonl" | "evalscope" | "inspect" | "guidellm" | "helm" | "eee" | "opencompass" | "tora")
/**
 * offline: all prompts at once; online: a request rate or concurrency; latency: one batch timed; throughput: vllm bench throughput.
 */

export type ServingMode = ("offline" | "online" | "latency" | "throughput")
/**
 * How the run ended when the source says: running (still being written), interrupted (stopped by the user, resumable), cancelled, error. Anything but complete is shown beside the run.
 */

export type RunOutcome = ("complete" | "running" | "interrupted" | "cancelled" | "error")

/**
 * One evaluation run of one model (variant) as evalsite stores it in content/runs/. Every dialect's adapter produces this shape.
 */

export interface NormalizedRun {
/**
 * Stable, URL-safe identifier, unique in one content set.
 */
id: string
/**
 * Model name or path as the source gives it.
 */
model: string
/**
 * Variant label within a study: original, fp8, awq, base, finetuned, ...
 */
variant?: string
description?: string
/**
 * Quantization method, null for the original precision.
 */
quantization?: (string | null)
dialect: Dialect
/**
 * When the run happened (ISO 8601), when the source says.
 */
timestamp?: string
/**
 * Files this run was read from, relative to the ingest input.
 * 
 * @minItems 1
 */
sources: SourceFile[]
example?: ExampleLabel
sampling?: RunSampling
tasks: TaskResult[]
/**
 * Serving benchmarks: offline throughput, online load per request rate, latency.
 */
serving?: ServingResult[]
perplexity?: PerplexityResult[]
system?: SystemMetrics
environment?: Environment
/**
 * Quantization method parameters (bits, group size, scheme...), secrets removed.
 */
quantizationParams?: {

}
/**
 * Evaluation settings as the source gives them (model_args, batch size, limit, gen_kwargs...), secrets masked.
 */
settings?: {
[k: string]: unknown
}
configFiles?: ConfigFile[]
status?: RunOutcome
}

export interface RunSampling {
/**
 * Examples evaluated per task, when the source gives a count (run_meta sampling.count).
 */
count?: number
/**
 * The sampling plan file the collector was given.
 */
plan?: string
fraction?: number
/**
 * lm-eval --limit: a count (>= 1) or a fraction (< 1).
 */
limit?: number
seed?: number
}

export interface TaskResult {
task: string
alias?: string
/**
 * Parent group (MMLU category, lm-eval group).
 */
group?: string
/**
 * True for an aggregate row (mmlu, mmlu_stem).
 */
isGroup?: boolean
nShot?: (number | null)
version?: (string | number | null)
/**
 * Examples the score is computed over.
 */
numSamples?: number
/**
 * Size of the full task when fewer were evaluated.
 */
numSamplesOriginal?: number
numUnscorable?: number
/**
 * Key (name or name,filter) of the metric shown in comparisons.
 */
primary?: string
metrics: Metric[]
examples?: ExampleIndexRef
efficiency?: {
latencySeconds?: number
questionsPerSecond?: number
invalidRate?: number
maxTokens?: number
}
sequential?: SequentialDecision
}

export interface Metric {
/**
 * Metric name without filter: acc, acc_norm, exact_match, accuracy, word_perplexity...
 */
name: string
/**
 * lm-eval filter (none, strict-match, flexible-extract).
 */
filter?: string
/**
 * The score; null when the source had NaN or Infinity (see raw).
 */
value: (number | null)
/**
 * The source's token for a value that is not a usable number: NaN, Infinity, N/A, or an impossible value (see impossible).
 */
raw?: string
/**
 * Why the source's value cannot be right (accuracy 7.5, perplexity 0.3); value is then null and raw keeps the number.
 */
impossible?: string
/**
 * Standard error; null when the source gave N/A or NaN.
 */
stderr?: (number | null)
higherIsBetter?: boolean
/**
 * fraction: 0..1 accuracy-like; percent: 0..100; raw: any other quantity.
 */
scale?: ("fraction" | "percent" | "raw")
}

export interface ExampleIndexRef {
/**
 * Path of the shard index under content/examples/.
 */
index: string
count: number
correct?: number
incorrect?: number
unscorable?: number
}
/**
 * The variant was evaluated until non-inferiority against its baseline was decided (collect --until-decided): decided at n of N, with the anytime-valid interval on the difference.
 */

export interface SequentialDecision {
margin: number
alpha: number
call: ("non-inferior" | "inferior" | "undecided")
n: number
of: number
decidedAt?: number
/**
 * Anytime-valid (1 - alpha) interval on variant minus baseline accuracy, as fractions.
 */
interval: {
low: number
high: number
}
/**
 * [lost, gained] among the pairs used.
 * 
 * @minItems 2
 * @maxItems 2
 */
discordant?: number[]
baseline?: string
}

export interface ServingResult {
mode: ServingMode
label?: string
/**
 * Requests per second; null means unlimited (inf).
 */
requestRate?: (number | null)
maxConcurrency?: (number | null)
numPrompts?: number
dataset?: string
backend?: string
/**
 * Canonical names: request_throughput_rps, output_throughput_tps, p99_ttft_ms, p50_e2el_ms...
 */
metrics: {
[k: string]: number | null
}
}

export interface PerplexityResult {
dataset: string
ppl: number
nll?: number
}

export interface SystemMetrics {
vramPeakMb?: number
totalTimeSeconds?: number
}
/**
 * Where a run happened: hardware, software and provenance. Secrets never appear here.
 */

export interface ConfigFile {
name: string
language: ("yaml" | "json" | "toml" | "ini" | "shell" | "text")
/**
 * File contents with secrets masked.
 */
text: string
}

/**
 * A comparison of variants of one model against a baseline (bf16 vs FP8 vs AWQ, base vs fine-tuned), stored in content/studies/.
 */

export interface NormalizedStudy {
id: string
title: string
model?: string
/**
 * Run id of the baseline variant.
 */
baseline: string
/**
 * @minItems 1
 */
variants: {
name: string
runId: string
description?: string
}[]
/**
 * Largest relative accuracy loss a recommended faster variant may have (default 0.01).
 */
maxDegradationRelative?: number
/**
 * Summary as the source reported it (seed 000 'summary'), kept for cross-checking the recomputed one.
 */
reported?: {
[k: string]: {
best?: string
worst?: string
degradation?: {
[k: string]: number
}
}
}
sources: SourceFile[]
example?: ExampleLabel
/**
 * Set when ingest inferred the study from the runs' names and settings: what it went by (a declared study replaces it).
 */
inferred?: string
/**
 * Recovery a variant must keep, declared for the study (default by bits per weight: 0.99 for 8-bit, 0.95 for 4-bit).
 */
recoveryGate?: number
/**
 * Multiple-comparison adjustment across a variant's tasks (default holm).
 */
adjust?: ("holm" | "bh")
/**
 * The study file that declared the study.
 */
declared?: string
}

/**
 * error: the file or run was skipped; warning: read with a repair or loss; info: not a result file.
 */

export type Severity = ("error" | "warning" | "info")

/**
 * Something ingest could not read, or read only in part. Listed on the site's problems page.
 */

export interface Problem {
severity: Severity
file: string
line?: number
column?: number
/**
 * JSON pointer of the offending field.
 */
pointer?: string
dialect?: string
message: string
expected?: string
found?: string
}

/**
 * quality_summary.json at the top of a canonical quality run: accuracy across all benchmarks.
 */

export interface QualitySummary {
model?: string
variant?: string
benchmarks: {
benchmark: string
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
accuracy_pct?: (number | null)
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_total?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_scorable?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_correct?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
unscorable_examples?: number
}[]
}

/**
 * One line of <bench>/<bench>_results.jsonl or <bench>_unscorable.jsonl in a canonical run directory.
 */

export interface ResultLine {
/**
 * Example id, stable across runs of the same data set.
 */
id: (string | number)
/**
 * Stratum (MATH subject, MMLU subject).
 */
subject?: string
prompt?: string
question?: string
response?: (string | null)
reference?: (string | number | null)
extracted?: (string | number | null)
/**
 * null when unscorable or unlabelled.
 */
correct?: (boolean | null)
scorable?: boolean
unscorable_reason?: string
/**
 * MATH: why the example could not be scored (seed 003).
 */
ambiguity_reason?: string
/**
 * Request error, if the request failed.
 */
error?: (string | null)
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
latency_s?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
prompt_tokens?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
completion_tokens?: number
}

/**
 * Collector state of the run: failed when the server died or too many requests failed (see failure).
 */

export type RunStatus = ("running" | "complete" | "interrupted" | "failed")

/**
 * run_meta.json of a canonical run directory: the fields of seed 003 plus the environment and system metrics of seed 001. Unknown keys are allowed (and reported) so newer collectors stay readable.
 */

export interface RunMeta {
/**
 * ISO 8601 UTC timestamp of the run.
 */
timestamp_utc: string
hostname?: (string | null)
seed?: (number | null)
/**
 * Short git commit hash, or null.
 */
git_commit?: (string | null)
python_version?: (string | null)
torch_version?: (string | null)
vllm_version?: (string | null)
transformers_version?: (string | null)
datasets_version?: (string | null)
slurm_job_id?: (string | number | null)
slurm_array_job_id?: (string | number | null)
slurm_array_task_id?: (string | number | null)
/**
 * GPU name and VRAM (MB) per device.
 */
gpus?: {
index?: number
name: string
memory_mb?: number
vram_mb?: number
}[]
/**
 * SHA-256 prefix of the serialised config.
 */
config_hash?: (string | null)
model?: string
variant?: string
description?: string
quantization?: (string | null)
os?: (string | null)
driver_version?: (string | null)
cuda_version?: (string | null)
cudnn_version?: (string | number | null)
packages?: {
[k: string]: string
}
command?: (string | null)
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
vram_peak_mb?: (number | null)
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
total_time_s?: (number | null)
sampling?: {
fraction?: number
seed?: number
/**
 * The sampling plan file the collector was given.
 */
plan?: string
count?: number
}
status?: RunStatus
/**
 * This variant is the study's baseline.
 */
baseline?: boolean
/**
 * The vllm serve command line used.
 */
serve_command?: (string | null)
/**
 * collect --until-decided: the stopping rule this variant ran under (the outcome per data set is in its <bench>_metrics.json).
 */
sequential?: {
rule: "betting-confidence-sequence"
margin: number
alpha: number
order_seed?: number
stratify_by?: string
baseline?: string
/**
 * Per data set: the call, examples used of the full set, where it was decided and the final interval on the difference (fractions).
 */
datasets?: {
[k: string]: {
call: ("non-inferior" | "inferior" | "undecided")
n_used: number
n_total: number
decided_at?: number
interval: {
low: number
high: number
}
}
}
}
/**
 * Why the collector stopped the run as failed.
 */
failure?: string
/**
 * Written by `collect merge`: the shards (array tasks) whose work this run folder joins, each with its job, status and time.
 */
shards?: {
shard: string
slurm_job_id?: (string | number | null)
slurm_array_task_id?: (string | number | null)
status?: (string | null)
total_time_s?: (number | null)
}[]
/**
 * Written by the collector for a variant it quantized (variant.quantize): method, track, tool and version, source model, scheme, weight parameters, calibration set, seed, time and peak GPU memory of the quantization (seed 001's fields).
 */
quantize?: {

}
}

/**
 * Replay of sampled evaluation on one task (content/analysis/): how accuracy error, rank agreement and tier agreement change with the share of the data evaluated, against the noise ceiling of the full data, with Monte-Carlo errors, and simulations of the sequential methods' error control at this task's size.
 */

export interface SampledAnalysis {
id: string
task: string
/**
 * Examples every model answered.
 */
n: number
reps: number
seed: number
/**
 * Sizes of the tiers from simultaneous paired tests on the full data, top first.
 */
tierSizes: number[]
models: {
name: string
runId?: string
accuracy: number
tier: number
}[]
rows: {
label: string
kind: ("uniform" | "tier-plan" | "adaptive")
computeShare: number
meanAbsError: number
errorLow: number
errorHigh: number
tauMean: number
tauLow: number
tauHigh: number
spearmanMean: number
tierAgreement: number
exactOrder: number
modelFractions: number[]
/**
 * Adaptive rows: how neighbours are declared separated (anytime-valid confidence sequence, or the repeated Wald test without error control).
 */
rule?: ("sequence" | "wald")
tauSe: number
exactOrderSe: number
pairAgreement?: Estimate
/**
 * Uniform sampling at this row's compute share, on the same draws.
 */
equalCompute?: {
fraction: number
meanAbsError: number
tau: Estimate
exactOrder: Estimate
pairAgreement?: Estimate
}
/**
 * Adaptive rows: share of declared separations the full data orders the other way.
 */
wrongSeparations?: number
/**
 * Uniform rows: the fraction every model is evaluated on.
 */
fraction?: number
/**
 * Tier-plan rows: fraction per tier, top first.
 */
tierFractions?: number[]
/**
 * Tier-plan rows: the fraction of the coarse pass the tiers come from; absent: tiers from the full data (oracle).
 */
coarseFraction?: number
/**
 * Adaptive rows: the starting fraction.
 */
start?: number
}[]
/**
 * Run ids the outcomes came from.
 */
sources?: string[]
example?: ExampleLabel
/**
 * Level of the paired tests, confidence sequences and simultaneous tiers.
 */
alpha: number
pairs: number
/**
 * Pairs the full data separates (exact McNemar test, p < alpha).
 */
significantPairs: number
ceiling: RankAgreement
/**
 * Simulations with known effects at this task's number of examples: the sequential stopping rule (true difference -> how often each call is made, the wrong call's rate, mean share of examples used) and rank-aware allocation with two truly tied models.
 */
errorControl?: {
n: number
alpha: number
/**
 * Share of examples two models answer differently, the mean over this task's pairs.
 */
discordance: number
sims: number
stopping: {
margin: number
effect: number
nonInferior: number
inferior: number
undecided: number
wrong: number
wrongSe: number
meanShare: number
}[]
allocation: {
accuracies: number[]
sims: number
rows: {
rule: ("sequence" | "wald")
pairError: number
pairErrorSe: number
familywise: number
meanShare: number
}[]
}
}
}
/**
 * A mean over the draws and its Monte-Carlo standard error.
 */

export interface Estimate {
mean: number
se: number
}
/**
 * Marks embedded example data so the site never presents it as a real result.
 */

export interface RankAgreement {
tau: Estimate
exactOrder: Estimate
pairAgreement?: Estimate1
}
/**
 * A mean over the draws and its Monte-Carlo standard error.
 */

export interface Estimate1 {
mean: number
se: number
}

/**
 * throughput_results.json (one object) and online_results.json (results per request rate) of canonical serving runs, with seed 003's metric names.
 */

export type ServingResults = (Throughput | {
results: OnlinePoint[]
})

export interface Throughput {
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
request_throughput_rps: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
input_throughput_tps?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
output_throughput_tps?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
total_time_s?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
mean_ttft_ms?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
p99_ttft_ms?: number
num_prompts?: number
}

export interface OnlinePoint {
/**
 * Requests per second, or "inf".
 */
request_rate: (number | string)
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
latency_p50_ms?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
latency_p95_ms?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
latency_p99_ms?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
ttfb_p50_ms?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
effective_throughput_tps?: number
}

/**
 * The YAML a user gives `npm run collect -- --config F`: the keys of seed 000's config (model, datasets, server, generation, benchmark) plus the variants to compare.
 */

export interface StudyConfig {
/**
 * Name of the study; the folder under output.
 */
study: string
/**
 * Folder the study is written to (default results/).
 */
output?: string
/**
 * Seed for sampling and generation (default 1234).
 */
seed?: number
model: {
/**
 * Hugging Face id or local path of the base model.
 */
name: string
/**
 * Tokenizer id for lm-eval (default: the model name).
 */
tokenizer?: string
/**
 * Name the server exposes (default: the model name).
 */
served_name?: string
}
/**
 * @minItems 1
 */
variants: {
name: string
description?: string
/**
 * Checkpoint of this variant (a pre-quantized AWQ/GPTQ/FP8 model); default: the base model.
 */
model?: string
/**
 * vLLM --quantization: one of the methods vLLM 0.8-0.12 accepts (a typo is refused here; before serving, the collector also checks the installed vLLM's own list). fp8 quantizes a bf16 model at load; leave empty for pre-quantized checkpoints (detected from their config); use awq_marlin, not awq. A method newer than this list: extra_args: [--quantization, NAME].
 */
quantization?: (("aqlm" | "awq" | "awq_marlin" | "auto-round" | "bitblas" | "bitsandbytes" | "compressed-tensors" | "cpu_awq" | "deepgemm_fp8" | "deepspeedfp" | "experts_int8" | "fbgemm_fp8" | "fp8" | "fp_quant" | "gguf" | "gptq" | "gptq_bitblas" | "gptq_marlin" | "gptq_marlin_24" | "hqq" | "inc" | "ipex" | "marlin" | "modelopt" | "modelopt_fp4" | "modelopt_mixed" | "moe_wna16" | "mxfp4" | "neuron_quant" | "petit_nvfp4" | "ptpc_fp8" | "qqq" | "quark" | "rtn" | "torchao" | "tpu_int8") | null)
dtype?: string
/**
 * vLLM --kv-cache-dtype (values of vLLM 0.8-0.12; the installed vLLM's own list is checked before serving).
 */
kv_cache_dtype?: ("auto" | "bfloat16" | "float16" | "fp8" | "fp8_e4m3" | "fp8_e5m2" | "fp8_inc" | "fp8_ds_mla")
max_model_len?: number
tensor_parallel_size?: number
gpu_memory_utilization?: number
/**
 * Serve with --enable-lora --lora-modules name=path; requests name the adapter.
 */
lora?: {
name: string
path: string
}
extra_args?: string[]
/**
 * Marks the baseline (default: the first variant).
 */
baseline?: boolean
sampling?: DatasetSampling
/**
 * This variant's already running OpenAI-compatible server (instead of server.base_url or starting vllm serve).
 */
base_url?: string
/**
 * Name of the environment variable with the API key of this variant's server (the key itself never goes into the config).
 */
api_key_env?: string
/**
 * Quantize the model before serving it: llm-compressor's one-shot quantization in server.python (scripts/collect/python/quantize.py), the compressed checkpoint written into the run folder and served. Not with quantization (vLLM detects the checkpoint's format).
 */
quantize?: {
/**
 * awq / gptq: 4-bit weights with activation-aware or second-order calibration; fp8: FP8 weights and dynamic activations (no calibration data); w8a8: SmoothQuant then GPTQ to INT8 weights and activations.
 */
method: ("awq" | "gptq" | "fp8" | "w8a8")
/**
 * llm-compressor preset scheme (default per method: awq W4A16_ASYM, gptq W4A16, fp8 FP8_DYNAMIC, w8a8 W8A8).
 */
scheme?: string
/**
 * Weight bits for awq / gptq with a group size (default 4).
 */
w_bits?: (4 | 8)
/**
 * Weights quantized per group of this many input channels (awq / gptq; default the scheme's, 128).
 */
group_size?: number
/**
 * Symmetric weights (no zero point); default: asymmetric for awq, symmetric for gptq.
 */
symmetric?: boolean
/**
 * Layers left unquantized (default [lm_head]).
 */
ignore?: string[]
calibration?: {
/**
 * wikitext2 (default), or a Hugging Face dataset id whose rows have a text field.
 */
dataset?: string
/**
 * Default train.
 */
split?: string
/**
 * Calibration sequences (default 128).
 */
samples?: number
/**
 * Tokens per calibration sequence (default 2048).
 */
seq_len?: number
}
/**
 * Seed of the calibration sample (default the study's seed).
 */
seed?: number
/**
 * Free label of the experiment track (seed 001's 赛道, e.g. "Track A").
 */
track?: string
}
}[]
/**
 * @minItems 1
 */
datasets: {
name: string
type: ("gsm8k" | "math" | "jsonl" | "lm-eval" | "perplexity")
/**
 * Local JSONL or Parquet file (perplexity: also a plain .txt file).
 */
path?: string
/**
 * Download from the Hugging Face hub (cached under cache_dir).
 */
hf?: {
repo: string
/**
 * File in the dataset repository, e.g. main/test-00000-of-00001.parquet.
 */
file: string
revision?: string
}
/**
 * GSM8K: examples for the few-shot prompt (default: the first num_shots examples, which are then not evaluated).
 */
fewshot_path?: string
num_shots?: number
max_tokens?: number
/**
 * Column names: question, answer, prompt, label, subject, id; perplexity: text (rows are joined with blank lines, as wikitext's are).
 */
fields?: {
[k: string]: string
}
/**
 * lm-eval: task names (mmlu, hellaswag, arc_challenge, piqa, winogrande, wikitext).
 */
tasks?: string[]
sampling?: DatasetSampling
/**
 * perplexity: tokens per window (non-overlapping windows from the start, the remainder dropped; default 2048). The server's max_model_len must be at least seq_len + 1.
 */
seq_len?: number
/**
 * perplexity: prompt log-probabilities kept per position for KL against the baseline (default 20; vLLM's --max-logprobs, default 20, must be at least this).
 */
top_k?: number
/**
 * perplexity: evaluate only the first N windows.
 */
max_windows?: number
}[]
server?: {
/**
 * Use an already running OpenAI-compatible server instead of starting vllm serve.
 */
base_url?: string
host?: string
/**
 * vllm executable (default: vllm on PATH).
 */
vllm?: string
/**
 * lm_eval executable (default: lm_eval on PATH).
 */
lm_eval?: string
/**
 * Python of the serving environment, for package versions (default python3).
 */
python?: string
startup_timeout_s?: number
/**
 * Name of the environment variable that holds the API key (the key itself never goes into the config).
 */
api_key_env?: string
/**
 * Allow two variants to ask the same server for the same model (by default an error: they would measure the same thing under different names).
 */
allow_shared_endpoint?: boolean
/**
 * Seconds between health checks of the server while a variant runs (default 10).
 */
health_interval_s?: number
/**
 * Health checks in a row without an answer after which the server counts as dead and the variant fails (default 3).
 */
health_failures?: number
}
generation?: {
endpoint?: ("completions" | "chat")
temperature?: number
/**
 * Requests kept in flight (default 256). A vLLM server batches many sequences at once (its max_num_seqs); with 2-10 s generations, 32 in flight capped real servers at 3-16 requests/s, while the client needs only about 0.1 ms of CPU per request.
 */
concurrency?: number
request_timeout_s?: number
retries?: number
/**
 * Share of failed requests (after retries) above which a variant stops as failed, checked once 50 have been asked (default 0.02).
 */
max_failure_rate?: number
/**
 * Failed requests in a row after which a variant stops as failed: a dead server (default 10).
 */
max_consecutive_failures?: number
}
benchmark?: {
/**
 * vllm bench serve --dataset-name (random, sharegpt...).
 */
dataset?: string
dataset_path?: string
num_prompts?: number
input_len?: number
output_len?: number
/**
 * Run the offline throughput benchmark (request rate inf).
 */
offline?: boolean
request_rates?: number[]
max_concurrency?: number
}
report?: {
max_degradation_relative?: number
}
/**
 * Where downloaded datasets are cached.
 */
cache_dir?: string
/**
 * collect --until-decided: each variant answers the baseline's examples in a seeded random order and stops once non-inferiority at the margin is decided by an anytime-valid confidence sequence on the paired difference (or at the full set).
 */
sequential?: {
/**
 * Non-inferiority margin as a difference in accuracy (0.02 = 2 points; default 0.02).
 */
margin?: number
/**
 * Error level of the confidence sequence (default 0.05): each call is wrong at most alpha/2 of the time.
 */
alpha?: number
/**
 * Seed of the example order (default: the study's seed).
 */
seed?: number
/**
 * Field whose strata keep their share at every point of the order (MATH subject, MMLU subject).
 */
stratify_by?: string
}
/**
 * sbatch options for `collect --slurm` (each also settable on the command line, which wins). Values are single words: they go into #SBATCH lines, which sbatch reads itself.
 */
slurm?: {
partition?: string
account?: string
qos?: string
/**
 * Generic resources per task, e.g. gpu:a100:2. Default gpu:<largest tensor_parallel_size>; null requests none (a partition that hands out GPUs by itself, or a CPU test cluster).
 */
gres?: (string | null)
/**
 * --gpus-per-task instead of --gres, for clusters that count GPUs that way.
 */
gpus?: number
cpus_per_task?: number
/**
 * Memory per node, e.g. 64G.
 */
mem?: string
/**
 * Time limit, D-HH:MM:SS (default 24:00:00).
 */
time?: string
constraint?: string
/**
 * More sbatch options, one each, e.g. --exclusive or --reservation=eval.
 */
extra?: string[]
/**
 * Shell lines run before the collector in each job (module load, activating an environment). They are commands the user wrote and run as written.
 */
setup?: string[]
}
}
/**
 * Evaluate a seeded subset of the data set: a count or a fraction, optionally stratified.
 */

export interface DatasetSampling {
count?: number
fraction?: number
seed?: number
/**
 * Field to stratify by (e.g. subject).
 */
stratify_by?: string
}

/**
 * Studies a user declares over ingested runs (npm run ingest -- <paths> --studies studies.yaml): a baseline and variants, each picked by a selector, with the thresholds the study page uses. Declared studies replace inferred ones for the same runs.
 */

export interface StudyFile {
/**
 * @minItems 1
 */
studies: DeclaredStudy[]
}

export interface DeclaredStudy {
id?: string
title: string
baseline: {
name?: string
select: RunSelector
}
/**
 * @minItems 1
 */
variants: {
name?: string
description?: string
select: RunSelector
}[]
/**
 * Recovery a variant must keep (default 0.99 for 8-bit, 0.95 for 4-bit variants).
 */
recovery_gate?: number
/**
 * Largest relative loss a recommended faster variant may have (default 0.01).
 */
max_degradation_relative?: number
/**
 * Multiple-comparison adjustment across a variant's tasks (default holm).
 */
adjust?: ("holm" | "bh")
/**
 * Examples per task for sources that do not say (seed 004 ran lm-eval with limit 0.2: gsm8k 264). Set on runs of the study whose task has no count.
 */
n?: {
[k: string]: number
}
}
/**
 * Picks exactly one ingested run; every key given must match.
 */

export interface RunSelector {
/**
 * Run id, as in the site's URL (runs/<id>/).
 */
run?: string
/**
 * Model name or path exactly as the source gives it.
 */
model?: string
/**
 * Glob over the run's source files (relative to the ingest root): * within a folder, ** across folders.
 */
path?: string
dialect?: string
/**
 * The run's variant label.
 */
variant?: string
}

/**
 * Variant-comparison JSON (seed 000): one model, its variants and their per-dataset results, with a summary.
 */

export interface StudySummary {
model: string
config?: {

}
variants: {
[k: string]: {
variant?: string
description?: string
quantization?: (string | null)
/**
 * Canonical run directory of this variant, relative to this file.
 */
run_dir?: string
timestamp?: number
datasets: {
[k: string]: {
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
accuracy: (number | null)
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
accuracy_stderr?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
invalid_rate?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_correct?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_total?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_samples?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
latency_seconds?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
questions_per_second?: number
/**
 * A measurement: a value no measurement can produce is reported by ingest and kept as raw, not rejected with the file.
 */
num_shots?: number
max_tokens?: number
}
}
}
}
summary?: {
[k: string]: {
accuracies?: {
[k: string]: number
}
best?: string
worst?: string
degradation?: {
[k: string]: number
}
}
}
}

/**
 * mcnemar: paired 0/1 outcomes; paired-bootstrap: paired continuous scores; stderr: reported standard errors; binomial: a standard error from n; none: nothing to test with. confidence-sequence: the variant stopped once decided (collect --until-decided); its anytime-valid interval stands, no p-value.
 */

export type ComparisonMethod = ("mcnemar" | "paired-bootstrap" | "stderr" | "binomial" | "confidence-sequence" | "none")
/**
 * unknown: no interval could be computed.
 */

export type Verdict = ("better" | "worse" | "within-noise" | "unknown")

/**
 * A variant against its baseline on one task, as the study page computes it and offers it for download: the change, its 95% interval, a p-value and a verdict, with the method that produced them.
 */

export interface TaskComparison {
task: string
metric: Metric
/**
 * Tasks and aggregate (group) rows are adjusted as separate families.
 */
family: ("task" | "group")
/**
 * The baseline's score on the compared examples (the paired set when paired).
 */
baseline: number
/**
 * The variant's score on the compared examples (the paired set when paired).
 */
variant: number
/**
 * The scores the sources report, over all of each run's examples; set when the comparison uses a paired subset.
 */
reported?: {
baseline: number
variant: number
}
/**
 * variant - baseline, in the metric's unit.
 */
delta: number
/**
 * delta / |baseline|; null when the baseline is 0.
 */
relative: (number | null)
/**
 * Positive when the variant is better (lower-better metrics flip the sign of delta).
 */
gain: number
interval?: Interval
intervalAdjusted?: Interval1
p?: number
/**
 * p after the multiple-comparison adjustment across this variant's tasks of the same family (Holm by default, Benjamini–Hochberg on request).
 */
pAdjusted?: number
/**
 * The adjusted interval excludes 0 (verdict better or worse).
 */
significant: boolean
method: ComparisonMethod
/**
 * Examples behind the test: the paired count, or the two sample sizes.
 */
n?: {
/**
 * Examples compared in pairs (ids present and scorable in both runs).
 */
paired?: number
/**
 * Examples of the baseline (scorable ones when paired).
 */
baseline?: number
/**
 * Examples of the variant (scorable ones when paired).
 */
variant?: number
/**
 * [right in baseline and wrong in variant, wrong in baseline and right in variant].
 * 
 * @minItems 2
 * @maxItems 2
 */
discordant?: number[]
/**
 * [baseline, variant] paired examples left out because one of the two runs could not score them.
 * 
 * @minItems 2
 * @maxItems 2
 */
unscorable?: number[]
}
/**
 * The same paired test with unscorable examples counted wrong.
 */
sensitivity?: {
delta: number
p: number
interval: Interval2
}
verdict: Verdict
sequential?: SequentialDecision
}

export interface Interval {
low: number
high: number
}
/**
 * The interval widened as p is adjusted (level 1 - 0.05 p / pAdjusted), so it excludes 0 exactly when pAdjusted < 0.05.
 */

export interface Interval1 {
low: number
high: number
}
/**
 * A 95% interval.
 */

export interface Interval2 {
low: number
high: number
}
/**
 * The variant was evaluated until non-inferiority against its baseline was decided (collect --until-decided): decided at n of N, with the anytime-valid interval on the difference.
 */

/**
 * Seed 004's per-model result JSON written by base-vs-finetuned compare scripts: {model, results: {task: {metric: value, metric_stderr: value}}}.
 */

export interface TaskResults {
model: string
results: {
[k: string]: {
[k: string]: number | string | null
}
}
}

/** Every ComparisonMethod, in the schema's order. */
export const COMPARISON_METHOD_VALUES: readonly ComparisonMethod[] = ["mcnemar","paired-bootstrap","stderr","binomial","confidence-sequence","none"];

/** Every Dialect, in the schema's order. */
export const DIALECT_VALUES: readonly Dialect[] = ["canonical","variant-comparison","lm-eval","lm-eval-samples","task-results","vllm-bench","markdown-record","lm-eval-table","csv","compare-printout","per-model-jsonl","evalscope","inspect","guidellm","helm","eee","opencompass","tora"];

/** Every ExampleStatus, in the schema's order. */
export const EXAMPLE_STATUS_VALUES: readonly ExampleStatus[] = ["correct","incorrect","unscorable","unlabelled"];

/** Every RunOutcome, in the schema's order. */
export const RUN_OUTCOME_VALUES: readonly RunOutcome[] = ["complete","running","interrupted","cancelled","error"];

/** Every RunStatus, in the schema's order. */
export const RUN_STATUS_VALUES: readonly RunStatus[] = ["running","complete","interrupted","failed"];

/** Every ServingMode, in the schema's order. */
export const SERVING_MODE_VALUES: readonly ServingMode[] = ["offline","online","latency","throughput"];

/** Every Severity, in the schema's order. */
export const SEVERITY_VALUES: readonly Severity[] = ["error","warning","info"];

/** Every Verdict, in the schema's order. */
export const VERDICT_VALUES: readonly Verdict[] = ["better","worse","within-noise","unknown"];

/** The type each schema file describes, so validation can narrow a value to it. */
export interface SchemaTypes {
  'bench-metrics.schema.json': BenchMetrics;
  'content-manifest.schema.json': ContentManifest;
  'eee-aggregate.schema.json': EeeAggregate;
  'eee-export-instance.schema.json': EeeExportInstance;
  'eee-export.schema.json': EeeExport;
  'eee-instance.schema.json': EeeInstance;
  'environment.schema.json': Environment;
  'evalscope-report.schema.json': EvalscopeReport;
  'example-index.schema.json': ExampleIndex;
  'example-record.schema.json': ExampleRecord;
  'example-shard.schema.json': ExampleShard;
  'guidellm-report.schema.json': GuidellmReport;
  'helm-run-spec.schema.json': HelmRunSpec;
  'helm-stats.schema.json': HelmStats;
  'inspect-log.schema.json': InspectLog;
  'inspect-sample.schema.json': InspectSample;
  'normalized-record.schema.json': NormalizedRecord;
  'normalized-run.schema.json': NormalizedRun;
  'normalized-study.schema.json': NormalizedStudy;
  'problem.schema.json': Problem;
  'quality-summary.schema.json': QualitySummary;
  'result-line.schema.json': ResultLine;
  'run-meta.schema.json': RunMeta;
  'sampled-analysis.schema.json': SampledAnalysis;
  'serving-results.schema.json': ServingResults;
  'study-config.schema.json': StudyConfig;
  'study-file.schema.json': StudyFile;
  'study-summary.schema.json': StudySummary;
  'task-comparison.schema.json': TaskComparison;
  'task-results.schema.json': TaskResults;
}

export type SchemaFile = keyof SchemaTypes;
