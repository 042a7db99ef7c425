import { describe, expect, it } from 'vitest';
import { diffWords, matchRanges, snippetOf, transcriptOf } from './text.ts';

describe('snippetOf', () => {
  it('shows the start of the last question of a few-shot prompt, not its end', () => {
    const prompt = 'Question: 1+1?\nAnswer: 2\n\nQuestion: 2+2?\nAnswer: 4\n\nQuestion: Janet has 16 ducks and sells the eggs at the market every day for two dollars each.\nAnswer:';
    expect(snippetOf(prompt, 40)).toBe('Question: Janet has 16 ducks and sells t');
  });

  it('drops chat-template tokens and the trailing assistant turn', () => {
    const prompt = '<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nWhich way does a ball thrown up go first?<|im_end|>\n<|im_start|>assistant\n';
    expect(snippetOf(prompt)).toBe('Which way does a ball thrown up go first?');
    expect(snippetOf('system: Answer with a number.\n\nuser: What is 1 + 1?')).toBe('What is 1 + 1?');
  });
});

describe('transcriptOf', () => {
  it('reads ChatML, Llama 3 headers and role paragraphs; plain text is no transcript', () => {
    expect(transcriptOf('<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi?<|im_end|>\n<|im_start|>assistant\n')).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi?' }]);
    expect(transcriptOf('<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n')).toEqual([{ role: 'user', content: 'Hello' }]);
    expect(transcriptOf('system: Answer with a number.\n\nuser: What is 1 + 1?')).toEqual([{ role: 'system', content: 'Answer with a number.' }, { role: 'user', content: 'What is 1 + 1?' }]);
    expect(transcriptOf('Question: what is 2+2?\nAnswer:')).toBeUndefined();
  });
});

describe('matchRanges', () => {
  it('finds every case-insensitive occurrence, treating the query as text', () => {
    expect(matchRanges('Answer: 42, answer again', 'ANSWER')).toEqual([[0, 6], [12, 18]]);
    expect(matchRanges('a.*b a.*b', '.*')).toEqual([[1, 3], [6, 8]]);
    expect(matchRanges('abc', '  ')).toEqual([]);
  });
});

describe('diffWords', () => {
  it('marks the words each response has that the other lacks', () => {
    const [l, r] = diffWords('The answer is 42 apples', 'The answer is 41 apples');
    expect(l.filter((p) => p.changed).map((p) => p.text)).toEqual(['42']);
    expect(r.filter((p) => p.changed).map((p) => p.text)).toEqual(['41']);
    expect(l.map((p) => p.text).join('')).toBe('The answer is 42 apples');
    expect(r.map((p) => p.text).join('')).toBe('The answer is 41 apples');
  });

  it('leaves very long texts unmarked instead of building a huge table', () => {
    const [l] = diffWords('a '.repeat(3000), 'b '.repeat(3000), 1000);
    expect(l).toEqual([{ text: 'a '.repeat(3000), changed: false }]);
  });
});
