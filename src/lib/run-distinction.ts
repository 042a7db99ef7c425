/**
 * Runs that look the same in a list (one model and variant, read from two folders: two serving
 * configurations, two evaluation dates) are told apart by where they came from: the first part of
 * their source paths that differs, else the file name.
 */
import type { NormalizedRun } from '../../schemas/types.gen.ts';

type RunLike = Pick<NormalizedRun, 'id' | 'model' | 'variant' | 'sources'>;

export function distinguishers(runs: Iterable<RunLike>): Map<string, string> {
  const groups = new Map<string, RunLike[]>();
  for (const r of runs) {
    const key = `${r.model}\u0000${r.variant ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const paths = group.map((r) => (r.sources[0]?.path ?? r.id).split('/'));
    const dirs = paths.map((p) => p.slice(0, -1));
    const depth = Math.max(...dirs.map((d) => d.length));
    // The first folder level where the runs' paths part ways.
    let level = -1;
    for (let i = 0; i < depth && level === -1; i++) if (new Set(dirs.map((d) => d[i] ?? '')).size > 1) level = i;
    group.forEach((r, i) => {
      const part = level === -1 ? paths[i]!.at(-1) : dirs[i]![level];
      if (part) out.set(r.id, part);
    });
  }
  return out;
}

/** How a run is named in lists: model, variant (when it is not the model's name), where it came from. */
export function runLabel(r: { model: string; variant?: string | undefined; where?: string | undefined }): string {
  return [r.model, r.variant && r.variant !== r.model ? r.variant : '', r.where ?? ''].filter(Boolean).join(' · ');
}
