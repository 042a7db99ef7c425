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

export interface DiffPart {
  text: string;
  /** Not in the other text. */
  changed: boolean;
}

/**
 * Word-level differences of two responses (longest common subsequence over words and the spaces
 * between them). Above `maxCells` (length × length) the texts are returned unmarked: the table
 * would cost more than the view is worth.
 */
export function diffWords(a: string, b: string, maxCells = 4_000_000): [DiffPart[], DiffPart[]] {
  const ta = a.split(/(\s+)/).filter(Boolean);
  const tb = b.split(/(\s+)/).filter(Boolean);
  if (ta.length * tb.length > maxCells) return [[{ text: a, changed: false }], [{ text: b, changed: false }]];
  // lcs[i][j]: common length of ta[i..] and tb[j..], in one flat array.
  const w = tb.length + 1;
  const lcs = new Uint32Array((ta.length + 1) * w);
  for (let i = ta.length - 1; i >= 0; i--) {
    for (let j = tb.length - 1; j >= 0; j--) lcs[i * w + j] = ta[i] === tb[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  }
  const left: DiffPart[] = [];
  const right: DiffPart[] = [];
  const push = (side: DiffPart[], text: string, changed: boolean) => {
    const last = side.at(-1);
    if (last && last.changed === changed) last.text += text;
    else side.push({ text, changed });
  };
  let i = 0;
  let j = 0;
  while (i < ta.length || j < tb.length) {
    if (i < ta.length && j < tb.length && ta[i] === tb[j]) {
      push(left, ta[i]!, false);
      push(right, tb[j]!, false);
      i++;
      j++;
    } else if (j >= tb.length || (i < ta.length && lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      push(left, ta[i++]!, true);
    } else {
      push(right, tb[j++]!, true);
    }
  }
  return [left, right];
}
