import { describe, expect, it } from 'vitest';
import { parseRanges } from './browser.ts';

describe('parseRanges', () => {
  it('reads metric:low:high from the address, names with colons included; a bad number is an open bound', () => {
    expect(parseRanges(['f1:0.2:0.8', 'bleu::10', 'rouge:L:0.5:', 'x:abc:def', 'nocolon'])).toEqual([
      ['f1', 0.2, 0.8],
      ['bleu', null, 10],
      ['rouge:L', 0.5, null],
    ]);
  });
});
