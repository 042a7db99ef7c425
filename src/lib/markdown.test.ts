import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.ts';

describe('parseMarkdown', () => {
  it('reads the parts of seed 001 records: headings, bold list items, indented fences, tables', () => {
    const blocks = parseMarkdown('# 实验结果: m + awq\n\n## 运行信息\n\n- **运行时间**: 2026\n- **完整 CLI 参数**:\n  ```\n  run.py --x\n  ```\n\n| 数据集 | PPL |\n|---|---:|\n| wikitext2 | 6.9 |\n');
    expect(blocks.map((b) => b.t)).toEqual(['heading', 'heading', 'list', 'code', 'table']);
    expect(blocks[2]).toEqual({ t: 'list', ordered: false, items: [[{ t: 'strong', c: [{ t: 'text', v: '运行时间' }] }, { t: 'text', v: ': 2026' }], [{ t: 'strong', c: [{ t: 'text', v: '完整 CLI 参数' }] }, { t: 'text', v: ':' }]] });
    expect(blocks[3]).toEqual({ t: 'code', lang: '', v: 'run.py --x' });
    expect(blocks[4]).toMatchObject({ t: 'table', align: [null, 'right'], rows: [[[{ t: 'text', v: 'wikitext2' }], [{ t: 'text', v: '6.9' }]]] });
  });

  it('keeps raw HTML as text and drops non-web links', () => {
    const out = parseInline('<img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.org)');
    expect(out.filter((x) => x.t === 'link')).toEqual([{ t: 'link', href: 'https://example.org', c: [{ t: 'text', v: 'ok' }] }]);
    expect(out.filter((x) => x.t === 'text').map((x) => (x as { v: string }).v).join('')).toBe('<img src=x onerror=alert(1)> [x](javascript:alert(1)) ');
  });
});
