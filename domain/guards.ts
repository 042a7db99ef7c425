/** Type guards for values parsed from files, which are hostile until checked. */

export type Obj = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A finite number (NaN and Infinity are not scores). */
export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * An empty record with no prototype, for keys that come from data: `__proto__`, `constructor`
 * and the like are then plain keys, never a way to reach or replace a prototype.
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
