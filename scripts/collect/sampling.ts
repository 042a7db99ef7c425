/**
 * Seeded subsets of a data set, by count or fraction, stratified by a field (MATH subject, MMLU
 * subject) so every stratum keeps its share. The same seed always gives the same subset, returned
 * in the data set's order.
 */
import { seededRandom, shuffled } from '../../domain/random.ts';

export interface SamplePlan {
  count?: number;
  fraction?: number;
  seed?: number;
  stratify_by?: string;
}

export function sampleSize(total: number, plan?: SamplePlan): number {
  if (!plan) return total;
  if (plan.count !== undefined) return Math.min(total, plan.count);
  if (plan.fraction !== undefined) return Math.max(1, Math.min(total, Math.round(total * plan.fraction)));
  return total;
}

export function sample<T extends Record<string, unknown>>(items: T[], plan: SamplePlan | undefined, defaultSeed: number): T[] {
  const k = sampleSize(items.length, plan);
  if (!plan || k >= items.length) return items;
  const rand = seededRandom(plan.seed ?? defaultSeed);
  const indexed = items.map((item, i) => ({ item, i }));
  let chosen: { item: T; i: number }[];
  if (plan.stratify_by) {
    const key = plan.stratify_by;
    const strata = new Map<string, { item: T; i: number }[]>();
    for (const x of indexed) {
      const s = String(x.item[key] ?? '');
      strata.set(s, [...(strata.get(s) ?? []), x]);
    }
    // Largest-remainder allocation of k over strata, proportional to their sizes.
    const entries = [...strata.entries()].sort((a, b) => a[0].localeCompare(b[0]));
    const quotas = entries.map(([, xs]) => (xs.length * k) / items.length);
    const alloc = quotas.map(Math.floor);
    let left = k - alloc.reduce((s, a) => s + a, 0);
    for (const i of quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i)) {
      if (left-- <= 0) break;
      alloc[i]!++;
    }
    chosen = entries.flatMap(([, xs], i) => shuffled(xs, rand).slice(0, alloc[i]));
  } else {
    chosen = shuffled(indexed, rand).slice(0, k);
  }
  return chosen.sort((a, b) => a.i - b.i).map((x) => x.item);
}
