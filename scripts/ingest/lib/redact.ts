/** Masks secrets (API keys, tokens, passwords) before anything reaches content/ or the site. */
import { dict } from '../../../domain/guards.ts';

const SECRET_KEY = /(api[_-]?key|apikey|token|secret|password|passwd|pwd|authorization|auth[_-]?header|credential|private[_-]?key|access[_-]?key|session[_-]?key|cookie)/i;
// Token shapes that are secrets wherever they appear: OpenAI/Anthropic-style, Hugging Face, GitHub,
// AWS access keys, Slack, and bearer headers.
const SECRET_VALUE = /\b(sk-[A-Za-z0-9_-]{16,}|hf_[A-Za-z0-9]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}|xox[abpr]-[A-Za-z0-9-]{10,})\b|(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/g;

export const MASK = '••••••';

// Token counts, tokenizers and special tokens are not secrets.
const NOT_SECRET = /(^|_)(max|min|num|total|prompt|completion|input|output|new|n)_?tokens?($|_)|tokens?_per|^tokens$|tokeni[sz]er|token_ids?$|(eos|bos|pad|unk|sep|cls|mask|eot)_token/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.test(key);
}

/** Masks secret-looking substrings of free text (config files, command lines, key=value lists). */
export function redactText(text: string): string {
  let out = text.replace(SECRET_VALUE, (_m, _tok, bearer) => (bearer ? `${bearer}${MASK}` : MASK));
  // key=value and key: value pairs whose key names a secret (model_args strings, YAML, .env, CLI flags).
  // The key starts where a word starts (the look-behind): without it every position of a long run of
  // letters or digits began a new scan to its end, quadratic in the run's length.
  out = out.replace(/(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*(?:api[_-]?key|apikey|token|secret|password|passwd|credential|access[_-]?key)[A-Za-z0-9_-]*)(["']?\s*[:=]\s*["']?|\s+)(?!\s)([^\s,"'}\]]+)/gi,
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
