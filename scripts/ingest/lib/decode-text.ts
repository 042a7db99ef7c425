/**
 * Turns the bytes of a result file into text, whatever happened to them on the way:
 * a UTF-8 BOM, GBK/GB18030 (common for Chinese records written on Windows), or UTF-8 that was
 * mis-decoded as Windows-1252/1254 and re-encoded (seed 004 is such a file: "æ¨¡åž‹" for "模型").
 */

export interface DecodedText {
  text: string;
  /** Encoding the bytes were read as. */
  encoding: TextEncodingName;
  hadBom: boolean;
  /** Set when mis-decoded UTF-8 (mojibake) was detected and repaired. */
  mojibake?: { repairedRuns: number; unrecoverableChars: number };
  /** UTF-8 text with a few invalid byte sequences: how many, and the byte offsets of the first ones (read as U+FFFD). */
  badBytes?: { count: number; offsets: number[] };
}

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Binary data (an image, a checkpoint, a compressed file): NUL bytes in text that is not UTF-16. */
export function looksBinary(head: Uint8Array): boolean {
  if (utf16Of(head)) return false;
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

/**
 * UTF-16 by its BOM, or without one by the NUL pattern of mostly-ASCII text: zeros in every other
 * byte. Returns the encoding and the BOM's length.
 */
export function utf16Of(head: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; bom: number } | undefined {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // Too few bytes to tell text from a binary header (a few NULs in 0 1 2 3 are not a pattern).
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  let evenText = 0;
  let oddText = 0;
  const isText = (b: number) => b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f);
  for (let i = 0; i < pairs; i++) {
    const even = head[2 * i]!;
    const odd = head[2 * i + 1]!;
    if (even === 0) evenZero++;
    if (odd === 0) oddZero++;
    if (even === 0 && isText(odd)) oddText++;
    if (odd === 0 && isText(even)) evenText++;
  }
  // Mostly ASCII text in UTF-16: every other byte zero, the others printable.
  if (oddZero >= pairs * 0.4 && evenZero <= pairs * 0.05 && evenText >= oddZero * 0.9) return { encoding: 'utf-16le', bom: 0 };
  if (evenZero >= pairs * 0.4 && oddZero <= pairs * 0.05 && oddText >= evenZero * 0.9) return { encoding: 'utf-16be', bom: 0 };
  return undefined;
}

/**
 * Scans bytes as UTF-8 in one pass: the number of valid multi-byte characters and the offsets of
 * invalid sequences (at most `keep` offsets, all counted).
 */
export function scanUtf8(bytes: Uint8Array, keep = 10): { multibyte: number; invalid: number; offsets: number[] } {
  let multibyte = 0;
  let invalid = 0;
  const offsets: number[] = [];
  const bad = (at: number) => {
    invalid++;
    if (offsets.length < keep) offsets.push(at);
  };
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    if (len === 0 || i + len > n) {
      bad(i);
      i++;
      continue;
    }
    let cp = b & (0x7f >> len);
    let ok = true;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      bad(i);
      i++;
      continue;
    }
    multibyte++;
    i += len;
  }
  return { multibyte, invalid, offsets };
}

// Windows-1252 and Windows-1254 map bytes 0x80-0x9F (and a few more) to these characters; latin-1
// maps every other byte 0x80-0xFF to the code point of the same value. Mis-decoders mix them.
const CP125X_EXTRA: Record<number, number[]> = {
  0x80: [0x20ac], 0x82: [0x201a], 0x83: [0x0192], 0x84: [0x201e], 0x85: [0x2026], 0x86: [0x2020],
  0x87: [0x2021], 0x88: [0x02c6], 0x89: [0x2030], 0x8a: [0x0160], 0x8b: [0x2039], 0x8c: [0x0152],
  0x8e: [0x017d], 0x91: [0x2018], 0x92: [0x2019], 0x93: [0x201c], 0x94: [0x201d], 0x95: [0x2022],
  0x96: [0x2013], 0x97: [0x2014], 0x98: [0x02dc], 0x99: [0x2122], 0x9a: [0x0161], 0x9b: [0x203a],
  0x9c: [0x0153], 0x9e: [0x017e], 0x9f: [0x0178],
  // Windows-1254 (Turkish) differs from 1252 in these positions.
  0xd0: [0x011e], 0xdd: [0x0130], 0xde: [0x015e], 0xf0: [0x011f], 0xfd: [0x0131], 0xfe: [0x015f],
};

const CHAR_TO_BYTE: Map<number, number> = (() => {
  const map = new Map<number, number>();
  for (let b = 0x80; b <= 0xff; b++) map.set(b, b);
  for (const [byte, chars] of Object.entries(CP125X_EXTRA)) for (const c of chars) map.set(c, Number(byte));
  return map;
})();

/**
 * Decodes bytes: UTF-16 by BOM or NUL pattern; UTF-8 (BOM stripped, mojibake repaired); UTF-8 with
 * a few bad bytes (kept as U+FFFD, their offsets reported); otherwise GB18030 when the bytes are
 * valid GB18030 (GBK/GB2312 are subsets), else UTF-8 with replacement characters.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const wide = utf16Of(bytes);
  if (wide) return { text: new TextDecoder(wide.encoding).decode(bytes.subarray(wide.bom)), encoding: wide.encoding, hadBom: wide.bom > 0 };
  let hadBom = false;
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    hadBom = true;
    body = bytes.subarray(3);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeNotUtf8(body, hadBom);
  }
  const repaired = repairMojibake(text);
  if (repaired) return { text: repaired.text, encoding: 'utf-8', hadBom, mojibake: repaired.stats };
  return { text, encoding: 'utf-8', hadBom };
}

function decodeNotUtf8(body: Uint8Array, hadBom: boolean): DecodedText {
  const scan = scanUtf8(body);
  const asUtf8 = (): DecodedText => ({ text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', hadBom, badBytes: { count: scan.invalid, offsets: scan.offsets.map((o) => o + (hadBom ? 3 : 0)) } });
  // A UTF-8 file with a few damaged bytes: GBK text has an invalid sequence in nearly every character.
  if (scan.invalid <= scan.multibyte * 0.05) return asUtf8();
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(body), encoding: 'gb18030', hadBom };
  } catch {
    return asUtf8();
  }
}

/**
 * Finds runs of characters that could be mis-decoded bytes, maps them back to bytes and decodes
 * those as UTF-8. Returns null when the text does not look like mojibake (most runs fail to decode,
 * as in genuine "café" or "naïve"). Bytes that the mis-decoding dropped (soft hyphen, undefined
 * 0x81/0x8D/0x8F/0x90/0x9D, and whatever else the mangler swallowed) cannot be recovered: such
 * characters become U+FFFD and are counted.
 */
export function repairMojibake(text: string): { text: string; stats: { repairedRuns: number; unrecoverableChars: number } } | null {
  const runPattern = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u011e\u011f\u0130\u0131\u015e\u015f\uFFFD]+/g;
  let candidates = 0;
  let hits = 0;
  let lost = 0;
  const out = text.replace(runPattern, (run) => {
    const bytes = new Uint8Array(run.length);
    // U+FFFD stands for a byte the mis-decoder could not map (0x81, 0x8D, ...): 0xFF is never valid
    // UTF-8, so the character it belonged to decodes as one U+FFFD instead of turning into a wrong one.
    for (let i = 0; i < run.length; i++) bytes[i] = CHAR_TO_BYTE.get(run.charCodeAt(i)) ?? 0xff;
    // A run made only of characters that stand for lead or continuation bytes is a candidate.
    if (!bytes.some((b) => b >= 0xc2)) return run;
    candidates++;
    const decoded = new TextDecoder('utf-8').decode(bytes).replace(/\uFFFD+/g, '\uFFFD');
    // A run counts as mojibake when it yields real multi-byte characters (CJK, emoji, ...).
    if (!/[^\u0000-\u007f\uFFFD]/.test(decoded)) return run;
    hits++;
    lost += (decoded.match(/\uFFFD/g) ?? []).length;
    return decoded;
  });
  if (hits < 2 || hits / candidates < 0.5) return null;
  return { text: out, stats: { repairedRuns: hits, unrecoverableChars: lost } };
}
