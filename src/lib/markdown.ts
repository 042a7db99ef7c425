/**
 * A small markdown reader for experiment records: headings, paragraphs, lists, fenced code, pipe
 * tables, **bold**, *emphasis*, `code` and http(s) links. It builds a tree that Astro renders with
 * its escaping expressions, so raw HTML in a record is shown as text and can never run.
 */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] };

export type Block =
  | { t: 'heading'; level: number; c: Inline[]; id: string }
  | { t: 'paragraph'; c: Inline[] }
  | { t: 'list'; ordered: boolean; items: Inline[][] }
  | { t: 'code'; lang: string; v: string }
  | { t: 'table'; header: Inline[][]; align: ('left' | 'right' | 'center' | null)[]; rows: Inline[][][] }
  | { t: 'rule' };

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ t: 'text', v: text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^`([^`]+)`/.exec(rest))) {
      flush();
      out.push({ t: 'code', v: m[1]! });
    } else if ((m = /^\*\*(.+?)\*\*/.exec(rest))) {
      flush();
      out.push({ t: 'strong', c: parseInline(m[1]!) });
    } else if ((m = /^\*([^*\s][^*]*?)\*/.exec(rest))) {
      flush();
      out.push({ t: 'em', c: parseInline(m[1]!) });
    } else if ((m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest))) {
      flush();
      // Only web links; javascript:, data: and relative links become plain text.
      if (/^https?:\/\//i.test(m[2]!)) out.push({ t: 'link', href: m[2]!, c: parseInline(m[1]!) });
      else out.push({ t: 'text', v: m[0] });
    } else {
      text += s[i];
      i++;
      continue;
    }
    i += m[0].length;
  }
  flush();
  return out;
}

const slugify = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/**
 * An ATX heading (`## Title ##`), read by hand: the pattern it replaced was cubic on a heading
 * followed by thousands of spaces.
 */
function heading(line: string): { level: number; text: string } | undefined {
  let level = 0;
  while (level < line.length && line[level] === '#') level++;
  if (level < 1 || level > 6 || !/\s/.test(line[level] ?? '')) return undefined;
  let end = line.length;
  while (end > level && /\s/.test(line[end - 1]!)) end--;
  let hashes = end;
  while (hashes > level && line[hashes - 1] === '#') hashes--;
  // A closing run of # counts only after white space ("# C#" keeps its #).
  if (hashes < end && (hashes === level || /\s/.test(line[hashes - 1]!))) end = hashes;
  return { level, text: line.slice(level, end).trim() };
}

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) blocks.push({ t: 'paragraph', c: parseInline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```+|~~~+)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      flushPara();
      const indent = /^\s*/.exec(line)![0].length;
      const body: string[] = [];
      for (i++; i < lines.length && !new RegExp(`^\\s*${fence[1]![0]}{${fence[1]!.length},}\\s*$`).test(lines[i]!); i++) body.push(lines[i]!.slice(Math.min(indent, /^\s*/.exec(lines[i]!)![0].length)));
      blocks.push({ t: 'code', lang: fence[2] ?? '', v: body.join('\n') });
      continue;
    }
    const h = heading(line);
    if (h) {
      flushPara();
      blocks.push({ t: 'heading', level: h.level, c: parseInline(h.text), id: slugify(h.text) });
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flushPara();
      blocks.push({ t: 'rule' });
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? '')) {
      flushPara();
      const header = cells(line);
      const align = cells(lines[i + 1]!).map((c) => (/^:-+:$/.test(c) ? 'center' : /-:$/.test(c) ? 'right' : /^:-/.test(c) ? 'left' : null));
      const rows: Inline[][][] = [];
      for (i += 2; i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]!); i++) rows.push(cells(lines[i]!).map(parseInline));
      i--;
      blocks.push({ t: 'table', header: header.map(parseInline), align, rows });
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushPara();
      const ordered = /\d/.test(item[1]!);
      const items: Inline[][] = [];
      let j = i;
      for (; j < lines.length; j++) {
        const it = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(lines[j]!);
        if (!it || /\d/.test(it[1]!) !== ordered) break;
        items.push(parseInline(it[2]!));
      }
      blocks.push({ t: 'list', ordered, items });
      i = j - 1;
      continue;
    }
    if (line.trim() === '') flushPara();
    else para.push(line.trim());
  }
  flushPara();
  return blocks;
}
