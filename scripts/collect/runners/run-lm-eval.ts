/**
 * lm-evaluation-harness for loglikelihood tasks and perplexity against the served model, with
 * per-sample logs, into <run>/lm_eval/. A canary request first checks that the server honours
 * `echo` with prompt logprobs: one that ignores it makes lm-eval score at chance level silently.
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, Dataset, Variant } from '../config.ts';
import { apiKeyEnv, lmEvalArgs, requestModel, shellLine } from '../commands.ts';
import type { OpenAIClient } from '../openai-client.ts';
import { FailureError } from '../../lib/cli.ts';
import { spawnTracked } from '../processes.ts';
import { writeJsonAtomic } from '../../lib/atomic.ts';
import type { SamplePlan } from '../sampling.ts';
import { lmEvalDocCounts, readSelection, seededDocIndices, SELECTION_FILE } from '../lm-eval-samples.ts';

export class LmEvalError extends FailureError {
  constructor(message: string) {
    super(message, 'ELMEVAL');
  }
}

export async function echoCanary(client: OpenAIClient, model: string): Promise<void> {
  const prompt = 'The capital of France is Paris.';
  let j: Record<string, unknown>;
  try {
    j = await client.post('v1/completions', { model, prompt, max_tokens: 1, temperature: 0, echo: true, logprobs: 1 });
  } catch (err) {
    throw new LmEvalError(`canary request with echo=true failed: ${(err as Error).message}`);
  }
  const lp = (j.choices as { logprobs?: { token_logprobs?: unknown[] } }[] | undefined)?.[0]?.logprobs?.token_logprobs;
  if (!Array.isArray(lp) || lp.length < 3) {
    throw new LmEvalError('the server ignores echo/logprobs for the prompt: loglikelihood tasks (mmlu, hellaswag, arc, piqa, winogrande) would score at chance level. Not running lm-eval.');
  }
}

/** Results files lm-eval wrote under a folder (it nests them under the sanitized model name). */
export function findResults(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? findResults(p) : /^results_.*\.json$/.test(e) ? [p] : [];
  });
}

export async function runLmEval(c: Config, v: Variant, d: Dataset, baseUrl: string, client: OpenAIClient, runDir: string, plan?: SamplePlan & { seed: number }): Promise<{ skipped: boolean; command: string }> {
  const out = join(runDir, 'lm_eval', d.name);
  const selectionPath = join(out, SELECTION_FILE);
  const args = lmEvalArgs(c, v, d, baseUrl, out, plan ? selectionPath : undefined);
  const command = shellLine(c.server.lm_eval, args);
  if (findResults(out).length) return { skipped: true, command };
  await echoCanary(client, requestModel(c, v));
  mkdirSync(out, { recursive: true });
  // A sampled step asks seeded documents of every (sub)task; a resumed one asks the same ones.
  if (plan && !readSelection(selectionPath)) writeJsonAtomic(selectionPath, Object.fromEntries(seededDocIndices(lmEvalDocCounts(c.server.python, d.tasks ?? []), plan, plan.seed)));
  const log = createWriteStream(join(out, 'lm_eval.log'), { flags: 'a' });
  log.write(`$ ${command}\n`);
  const code = await new Promise<number>((resolveCode, reject) => {
    const child = spawnTracked(c.server.lm_eval, args, { folder: runDir, role: `lm-eval-${d.name}`, interruptible: true, env: { ...process.env, OPENAI_API_KEY: process.env[apiKeyEnv(c, v) ?? ''] ?? 'EMPTY' } });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.on('error', (err: NodeJS.ErrnoException) => reject(new LmEvalError(err.code === 'ENOENT' ? `"${c.server.lm_eval}" was not found on PATH. Install lm-evaluation-harness (pip install "lm_eval[api]") or set server.lm_eval.` : err.message)));
    child.on('close', (n) => resolveCode(n ?? 1));
  });
  await new Promise<void>((r) => log.end(() => r()));
  if (code !== 0) throw new LmEvalError(`lm_eval exited with ${code}; see ${join(out, 'lm_eval.log')}`);
  if (!findResults(out).length) throw new LmEvalError(`lm_eval finished but wrote no results_*.json under ${out}`);
  return { skipped: false, command };
}
