import { describe, expect, it } from 'vitest';
import { toCsv } from './downloads.ts';

describe('toCsv', () => {
  it('quotes separators, quotes and newlines, and neutralises formulas', () => {
    expect(toCsv([{ task: 'a,b', v: 0.5 }, { task: 'say "hi"\nthere', v: null, x: '=HYPERLINK("x")' }, { task: '-0.5', v: -1 }])).toBe(
      'task,v,x\r\n"a,b",0.5,\r\n"say ""hi""\nthere",,"\'=HYPERLINK(""x"")"\r\n-0.5,-1,\r\n',
    );
  });
});
