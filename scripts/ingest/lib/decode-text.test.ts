import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { decodeText, repairMojibake } from './decode-text.ts';

// What a Windows-1252 mis-decode does to UTF-8 bytes (then saved again as UTF-8).
function mojibake(s: string): string {
  return new TextDecoder('windows-1252').decode(new TextEncoder().encode(s));
}

describe('decodeText', () => {
  it('strips a UTF-8 BOM', () => {
    const d = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":1}')]));
    expect(d).toMatchObject({ text: '{"a":1}', hadBom: true, encoding: 'utf-8' });
  });

  it('reads GBK bytes that are not UTF-8', () => {
    // "模型" in GBK.
    const d = decodeText(new Uint8Array([0xc4, 0xa3, 0xd0, 0xcd]));
    expect(d).toMatchObject({ text: '模型', encoding: 'gb18030' });
  });

  it('repairs UTF-8 that was mis-decoded as Windows-1252', () => {
    const original = '## 模型对比评估指南 📊 (Model Comparison Guide)\n运行时间: 2026';
    const broken = mojibake(original);
    expect(broken).not.toBe(original);
    const d = decodeText(new TextEncoder().encode(broken));
    expect(d.text).toBe(original);
    expect(d.mojibake).toEqual({ repairedRuns: expect.any(Number), unrecoverableChars: 0 });
  });

  it.each(['café naïve résumé — “quoted”', 'plain ASCII only', '模型 already fine', 'Größe: 5 µm'])('leaves genuine text alone: %s', (s) => {
    expect(repairMojibake(s)).toBeNull();
    expect(decodeText(new TextEncoder().encode(s)).text).toBe(s);
  });

  it.skipIf(!existsSync('../shared/seeds/004_72a6c3b56d1df05c.txt'))('repairs seed 004 at least as well as the recovered copy', () => {
    const d = decodeText(readFileSync('../shared/seeds/004_72a6c3b56d1df05c.txt'));
    const recovered = readFileSync('../shared/seeds/004_72a6c3b56d1df05c.recovered.txt', 'utf8');
    expect(d.mojibake).toBeDefined();
    expect(d.text).toContain('📊');
    expect(d.text).toContain('Base:      10.50%');
    expect(d.text).toContain('概述 (Overview)');
    const lost = (s: string) => (s.match(/\uFFFD/g) ?? []).length;
    expect(lost(d.text)).toBeLessThanOrEqual(lost(recovered));
    expect(d.mojibake!.unrecoverableChars).toBe(lost(d.text));
  });
});
