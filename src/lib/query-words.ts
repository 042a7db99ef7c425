/**
 * How every filter box on the site reads what was typed: words, case ignored, each of which must
 * occur somewhere in the text searched (model ids keep their punctuation: "qwen2.5-7b fp8").
 */
export function queryWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

/** True when lowercased `text` holds every word. */
export function hasEveryWord(text: string, words: readonly string[]): boolean {
  return words.every((w) => text.includes(w));
}
