/**
 * Progress for long work: a redrawn line with count, rate and ETA on a TTY; in CI or a pipe, a
 * plain line every few seconds. Libraries stay silent; only CLIs create one.
 */
export interface Progress {
  tick(label?: string): void;
  /** Set the total when it becomes known (enables ETA). */
  total(n: number): void;
  done(): void;
}

export function createProgress(name: string, quiet = false, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY && !process.env.CI;
  const start = Date.now();
  let count = 0;
  let total: number | undefined;
  let lastPrint = 0;
  const line = (label?: string) => {
    const secs = (Date.now() - start) / 1000;
    const rate = secs > 0 ? count / secs : 0;
    const eta = total && rate > 0 ? ` ETA ${Math.max(0, (total - count) / rate).toFixed(0)} s` : '';
    return `${name}: ${count}${total ? `/${total}` : ''} (${rate.toFixed(1)}/s)${eta}${label ? ` ${label}` : ''}`;
  };
  return {
    tick(label) {
      count++;
      if (quiet) return;
      const now = Date.now();
      if (tty) {
        if (now - lastPrint > 100) {
          stream.write(`\r\x1b[2K${line(label).slice(0, (stream.columns ?? 100) - 1)}`);
          lastPrint = now;
        }
      } else if (now - lastPrint > 5000) {
        stream.write(`${line(label)}\n`);
        lastPrint = now;
      }
    },
    total(n) {
      total = n;
    },
    done() {
      if (!quiet && tty) stream.write('\r\x1b[2K');
    },
  };
}
