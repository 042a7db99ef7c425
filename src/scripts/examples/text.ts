/**
 * How an example's text is shown: the row snippet (the start of the question, not of the few-shot
 * preamble or the chat template), chat prompts as a transcript by role, and search matches. Pure
 * functions over strings (unit-tested); no pattern is built from user input.
 */

// Chat-template tokens (<|im_start|>, <|eot_id|>, <s>, [INST]) are markup, not the question.
const TEMPLATE_TOKEN = /<\|[A-Za-z_]{1,40}\|>|<\/?s>|\[\/?INST\]/g;

/** The start of the last question of a prompt: few-shot prompts end with it, after the shots. */
export function snippetOf(text: string, length = 160): string {
  const clean = text.replace(TEMPLATE_TOKEN, '\n');
  const paragraphs = clean.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);
  // Drop a trailing role line ("assistant") or answer cue ("Answer:") the template leaves at the end.
  while (paragraphs.length > 1 && /^(assistant|user|system)?\s*:?$|^(answer|a)\s*:?$/i.test(paragraphs.at(-1)!.replace(/^(assistant|user|system)\s*\n?/i, '').trim() || paragraphs.at(-1)!)) paragraphs.pop();
  let last = paragraphs.at(-1) ?? '';
  // A bare role name ("user") before the question, from a chat template.
  last = last.replace(/^(user|human)(\s*\n|: )/i, '');
  return last.replace(/\s+/g, ' ').trim().slice(0, length);
}

export interface Turn {
  role: string;
  content: string;
}

/**
 * A prompt written as a chat (ChatML, Llama 3 headers, or "role: text" paragraphs as Inspect and
 * the EEE export write them) as turns; undefined for plain text.
 */
export function transcriptOf(text: string): Turn[] | undefined {
  const chatml = [...text.matchAll(/<\|im_start\|>([a-z]{1,20})\n([\s\S]*?)(?:<\|im_end\|>|$)/g)];
  if (chatml.length) return chatml.map((m) => ({ role: m[1]!, content: m[2]!.trim() })).filter((t) => t.content);
  const llama = [...text.matchAll(/<\|start_header_id\|>([a-z]{1,20})<\|end_header_id\|>\s*([\s\S]*?)(?:<\|eot_id\|>|$)/g)];
  if (llama.length) return llama.map((m) => ({ role: m[1]!, content: m[2]!.trim() })).filter((t) => t.content);
  const paragraphs = text.split(/\n\n(?=(?:system|user|assistant|tool): )/);
  if (paragraphs.length < 2 || !paragraphs.every((p) => /^(system|user|assistant|tool): /.test(p))) return undefined;
  return paragraphs.map((p) => ({ role: p.slice(0, p.indexOf(':')), content: p.slice(p.indexOf(':') + 2).trim() }));
}

/** [start, end) of each case-insensitive occurrence of `q` in `text` (indexOf, never a pattern). */
export function matchRanges(text: string, q: string, max = 200): [number, number][] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  const hay = text.toLowerCase();
  const out: [number, number][] = [];
  for (let at = hay.indexOf(needle); at !== -1 && out.length < max; at = hay.indexOf(needle, at + needle.length)) out.push([at, at + needle.length]);
  return out;
}
