/**
 * Progress for long work: a redrawn line with count, rate and ETA on a TTY; in CI or a pipe, a
 * plain line every few seconds and one at the end. Libraries stay silent; only CLIs create one.
 */
export interface Progress {
  tick(label?: string): void;
  /** Set the count directly; the first value is where a resumed job starts, not counted in the rate. */
  set(done: number): void;
  /** Set the total when it becomes known (enables ETA). */
  total(n: number): void;
  done(): void;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export function createProgress(name: string, quiet = false, stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress {
  const tty = !!stream.isTTY && !process.env.CI;
  const start = now();
  let count = 0;
  let base: number | undefined;
  let total: number | undefined;
  let lastPrint = 0;
  const line = (label?: string) => {
    const secs = (now() - start) / 1000;
    const rate = secs > 0 ? (count - (base ?? 0)) / secs : 0;
    const eta = total !== undefined && rate > 0 ? ` ETA ${Math.max(0, (total - count) / rate).toFixed(0)} s` : '';
    return `${name}: ${count}${total !== undefined ? `/${total}` : ''} (${rate.toFixed(1)}/s)${eta}${label ? ` ${label}` : ''}`;
  };
  const draw = (label?: string) => {
    if (quiet) return;
    const t = now();
    const finished = total !== undefined && count >= total;
    if (tty) {
      if (t - lastPrint > 100 || finished) {
        stream.write(`\r\x1b[2K${line(label).slice(0, (stream.columns ?? 100) - 1)}`);
        lastPrint = t;
      }
    } else if (t - lastPrint > 5000 || finished) {
      stream.write(`${line(label)}\n`);
      lastPrint = t;
    }
  };
  return {
    set(done) {
      base ??= done;
      count = done;
      draw();
    },
    tick(label) {
      base ??= 0;
      count++;
      draw(label);
    },
    total(n) {
      total = n;
    },
    done() {
      if (!quiet && tty) stream.write('\r\x1b[2K');
    },
  };
}
