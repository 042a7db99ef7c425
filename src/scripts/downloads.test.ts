import { describe, expect, it } from 'vitest';
import { toCsv } from './downloads.ts';

describe('toCsv', () => {
  it.each(['-1+HYPERLINK("http://x")', '+1', '-', '@SUM(A1)', '\t=1', '\r=1', '-1e5x', '=1'])('neutralises %j (hostile input, class 10)', (v) => {
    expect(toCsv([{ v }]).split('\r\n')[1]).toMatch(/^"?'/);
  });

  it('keeps plain numbers, writes a BOM for spreadsheets, and drops binary float noise', () => {
    expect(toCsv([{ v: '-12.5' }, { v: '-1e-5' }, { v: -0.006699999999999928 }, { v: 0.1 + 0.2 }])).toBe('\ufeffv\r\n-12.5\r\n-1e-5\r\n-0.0067\r\n0.3\r\n');
  });

  it('quotes separators, quotes and newlines, and neutralises formulas', () => {
    expect(toCsv([{ task: 'a,b', v: 0.5 }, { task: 'say "hi"\nthere', v: null, x: '=HYPERLINK("x")' }, { task: '-0.5', v: -1 }])).toBe(
      '\ufefftask,v,x\r\n"a,b",0.5,\r\n"say ""hi""\nthere",,"\'=HYPERLINK(""x"")"\r\n-0.5,-1,\r\n',
    );
  });
});
