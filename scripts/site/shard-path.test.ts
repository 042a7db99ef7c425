import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { resolveShard } from './shard-path.ts';

const SOURCE = '/srv/content/current/examples';

describe('dev server: /data/examples/ serves only its folder (hostile input, class 12)', () => {
  it('maps a shard or index request to its file', () => {
    expect(resolveShard(SOURCE, '/base/data/examples/run-1/gsm8k/index.json')).toBe(join(SOURCE, 'run-1/gsm8k/index.json'));
    expect(resolveShard(SOURCE, '/data/examples/run-1/gsm8k/0000-0123456789ab.json')).toBe(join(SOURCE, 'run-1/gsm8k/0000-0123456789ab.json'));
    expect(resolveShard(SOURCE, '/data/examples/run-1/gsm8k/0001-0123456789ab.json.gz')).toBe(join(SOURCE, 'run-1/gsm8k/0001-0123456789ab.json.gz'));
  });

  it.each([
    '/data/examples/..%2f..%2fmanifest.json',
    '/data/examples/../../package.json',
    '/data/examples/run/%2e%2e/%2e%2e/x.json',
    '/data/examples/run%2f..%2f..%2f..%2fetc/passwd',
    '/data/examples/%E0%A4%A.json',
    '/data/examples/run/x.json%00.png',
    '/data/examples/run/.hidden.json',
    '/data/examples/run/task/index.txt',
    '/data/examples/',
  ])('refuses %s', (url) => {
    expect(resolveShard(SOURCE, url)).toBeUndefined();
  });
});
