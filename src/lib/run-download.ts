import type { NormalizedRun } from '../../schemas/types.gen.ts';

/** A run as a row of the run list's download: raw values, not the page's formatting. */
export function runDownload(r: NormalizedRun): Record<string, unknown> {
  return { id: r.id, model: r.model, variant: r.variant ?? null, dialect: r.dialect, tasks: r.tasks.length, serving_points: r.serving?.length ?? 0, timestamp: r.timestamp ?? null, sampled: !!r.sampling, sampled_count: r.sampling?.count ?? null, sampled_fraction: r.sampling?.fraction ?? null, sampled_limit: r.sampling?.limit ?? null, example: r.example?.origin ?? null, illustrative: r.example?.illustrative ?? null };
}
