/**
 * The order people expect names in: numbers inside names compared as numbers (model-2 before
 * model-10, step-9000 before step-11500), case and accents ignored, the same in every language.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export const naturalCompare = (a: string, b: string): number => collator.compare(a, b);

/** Runs by model, then variant, then id (a stable order for runs of one model and variant). */
export function byModelAndVariant(a: { model: string; variant?: string; id: string }, b: { model: string; variant?: string; id: string }): number {
  return naturalCompare(a.model, b.model) || naturalCompare(a.variant ?? '', b.variant ?? '') || naturalCompare(a.id, b.id);
}
