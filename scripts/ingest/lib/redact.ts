/** Masks secrets (API keys, tokens, passwords) before anything reaches content/ or the site. */
import { dict } from '../../../domain/guards.ts';
import { sharedPromptStart } from '../../../domain/shard-format.ts';

const SECRET_KEY = /(api[_-]?key|apikey|token|secret|password|passwd|pwd|auth|credential|private[_-]?key|access[_-]?key|session[_-]?key|cookie|(^|[_-])key$|密钥|密码|令牌)/i;
// Token shapes that are secrets wherever they appear: OpenAI/Anthropic-style, Hugging Face, GitHub,
// AWS access keys, Slack, and bearer headers.
const SECRET_VALUE = /\b(sk-[A-Za-z0-9_-]{16,}|hf_[A-Za-z0-9]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|xox[abpr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})\b|((?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]{12,}/g;
// PEM private keys, whole blocks.
const PEM_PRIVATE = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[^-]*-----END [A-Z ]*PRIVATE KEY-----/g;
// user:password@ in URLs (https://user:pass@host, postgres://u:p@db).
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]{0,20}:\/\/[^\s/:@]{0,200}:)([^\s/@]{1,500})@/gi;

export const MASK = '••••••';

// Token counts, tokenizers and special tokens are not secrets.
const NOT_SECRET = /(^|_)(max|min|num|total|prompt|completion|input|output|new|n)_?tokens?($|_)|tokens?_per|^tokens$|tokeni[sz]er|token_ids?$|(eos|bos|pad|unk|sep|cls|mask|eot)_token|author/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.test(key);
}

// What each pattern cannot match without (a plain scan, many times faster than the pattern itself):
// prompts and outputs of a million examples are redacted, and nearly all of them hold no secret.
const MAY_HOLD_TOKEN = /sk-|hf_|gh[pousr]_|github_pat_|AKIA|ASIA|AIza|xox[abpr]-|eyJ|Bearer|Basic|Token/;
const MAY_NAME_SECRET = /key|token|secret|passw|pwd|auth|credential|密钥|密码|令牌/i;

/** Masks secret-looking substrings of free text (config files, command lines, key=value lists). */
export function redactText(text: string): string {
  let out = text;
  if (out.includes('PRIVATE KEY-----')) out = out.replace(PEM_PRIVATE, `-----BEGIN $1PRIVATE KEY-----${MASK}-----END $1PRIVATE KEY-----`);
  if (out.includes('://') && out.includes('@')) out = out.replace(URL_CREDENTIALS, (_m, head: string) => `${head}${MASK}@`);
  if (MAY_HOLD_TOKEN.test(out)) out = out.replace(SECRET_VALUE, (_m, _tok, bearer) => (bearer ? `${bearer}${MASK}` : MASK));
  // The short password flag (mysql -p secret, -p=secret); a port number (-p 8000, -p 8000:80) stays.
  if (out.includes('-p')) out = out.replace(/(^|\s)-p(\s+|=)(?![\d:]+(?:\s|$))(\S+)/g, (_m, pre: string, sep: string) => `${pre}-p${sep}${MASK}`);
  if (!MAY_NAME_SECRET.test(out)) return out;
  // key=value and key: value pairs whose key names a secret (model_args strings, YAML, .env, CLI flags).
  // The key starts where a word starts (the look-behind): without it every position of a long run of
  // letters or digits began a new scan to its end, quadratic in the run's length.
  out = out.replace(/(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*(?:api[_-]?key|apikey|token|secret|password|passwd|pwd|auth|credential|access[_-]?key|[_-]key|密钥|密码|令牌)[A-Za-z0-9_-]*)(\*{0,2}["']?\s*[:=：]\s*["']?|\s+)(?!\s)([^\s,"'}\]]+)/gi,
    (m, key: string, sep: string, value: string) => (isSecretKey(key) && !/^(null|none|true|false|~)$/i.test(value) ? `${key}${sep}${MASK}` : m));
  return out;
}

/** Deep copy with secret-named keys masked and secret-looking strings redacted. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object') {
    const out = dict<unknown>();
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k) && v !== null && v !== '' && typeof v !== 'boolean' ? MASK : redactValue(v);
    }
    return out as T;
  }
  return value;
}

type ExampleText = { prompt?: string; response?: string; reference?: string; extracted?: string | null; extractedSpan?: number[] };

/** Model outputs and prompts may quote secrets too: redact an example's text, keeping its answer span true. */
export function redactExample<T extends ExampleText>(r: T, promptIsClean = false): T {
  const out = { ...r };
  if (out.prompt !== undefined && !promptIsClean) out.prompt = redactText(out.prompt);
  if (out.reference !== undefined) out.reference = redactText(out.reference);
  if (typeof out.extracted === 'string') out.extracted = redactText(out.extracted);
  if (out.response !== undefined) {
    const response = redactText(out.response);
    if (response !== out.response && out.extractedSpan) {
      // The mask changes lengths: find the answer again, or drop the span.
      const at = typeof out.extracted === 'string' && out.extracted ? response.lastIndexOf(out.extracted) : -1;
      if (at >= 0 && typeof out.extracted === 'string') out.extractedSpan = [at, at + out.extracted.length];
      else delete out.extractedSpan;
    }
    out.response = response;
  }
  return out;
}

// redactText's steps, each taken only when its text holds what the step needs (a bit each): a
// text that opens none of them comes out of redactText as it went in.
const PEM_GATE = 1;
const URL_SCHEME_GATE = 2;
const URL_AT_GATE = 4;
const TOKEN_GATE = 8;
const FLAG_GATE = 16;
const NAME_GATE = 32;
/** The longest text a gate looks for ("PRIVATE KEY-----"): a match across a cut has at most one less before it. */
const LONGEST_GATE = 16;

function gatesOf(text: string): number {
  return (
    (text.includes('PRIVATE KEY-----') ? PEM_GATE : 0) |
    (text.includes('://') ? URL_SCHEME_GATE : 0) |
    (text.includes('@') ? URL_AT_GATE : 0) |
    (MAY_HOLD_TOKEN.test(text) ? TOKEN_GATE : 0) |
    (text.includes('-p') ? FLAG_GATE : 0) |
    (MAY_NAME_SECRET.test(text) ? NAME_GATE : 0)
  );
}

const opensAny = (g: number) => (g & ~(URL_SCHEME_GATE | URL_AT_GATE)) !== 0 || (g & (URL_SCHEME_GATE | URL_AT_GATE)) === (URL_SCHEME_GATE | URL_AT_GATE);

/**
 * redactExample over one task's records. Few-shot prompts share most of their text; when that
 * shared start opens none of redactText's steps, a prompt is looked at only from just before the
 * start ends (a gate's text may run across it), and one that opens none is kept as it is: the
 * same result as redacting each whole prompt, without scanning the shared start a million times.
 */
export function redactExamples<T extends ExampleText>(records: T[]): T[] {
  const start = sharedPromptStart(records);
  const startGates = start.length > LONGEST_GATE ? gatesOf(start) : -1;
  const from = start.length - (LONGEST_GATE - 1);
  return records.map((r) => redactExample(r, startGates === 0 && typeof r.prompt === 'string' && !opensAny(gatesOf(r.prompt.slice(from)))));
}
