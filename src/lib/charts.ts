/**
 * Chart geometry with d3 (scales, ticks, paths), computed at build time so charts are plain SVG:
 * no client JavaScript, readable without it, and each carries a text alternative.
 */
import { extent, line, scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';

export interface Margin { top: number; right: number; bottom: number; left: number }
export const SIZE = { width: 640, height: 360, margin: { top: 16, right: 24, bottom: 48, left: 64 } as Margin };

export interface Axis {
  ticks: { value: number; pos: number; label: string }[];
}

export interface ScatterChart {
  width: number;
  height: number;
  margin: Margin;
  x: Axis;
  y: Axis;
  points: { label: string; cx: number; cy: number; pareto: boolean; x: number; y: number; href?: string; labelY: number }[];
  frontPath: string;
}

function axis(scale: ScaleContinuousNumeric<number, number>, fmt: (v: number) => string, count = 6, log = false): Axis {
  // A log axis labels 1, 2 and 5 of each decade only; the others would overlap.
  const ticks = scale.ticks(count).filter((v) => !log || [1, 2, 5].includes(Number(v.toExponential(0).split('e')[0])));
  return { ticks: ticks.map((v) => ({ value: v, pos: scale(v), label: fmt(v) })) };
}

function padded([lo, hi]: [number, number], frac = 0.1, bounds?: [number, number]): [number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  // A quantity with limits (Kendall τ in [-1, 1], a share in [0, 100]) is never drawn past them.
  return bounds ? [Math.max(bounds[0], lo - span * frac), Math.min(bounds[1], hi + span * frac)] : [lo - span * frac, hi + span * frac];
}

/** Clamps a niced domain back inside its limits (nice() may round past them). */
function within(domain: number[], bounds?: [number, number]): [number, number] {
  const [lo, hi] = [domain[0]!, domain[domain.length - 1]!];
  return bounds ? [Math.max(bounds[0], lo), Math.min(bounds[1], hi)] : [lo, hi];
}

/** Accuracy (y) against speed (x) with the Pareto front drawn through the non-dominated points. */
export function scatter(points: { label: string; x: number; y: number; pareto: boolean; href?: string }[], fmtX: (v: number) => string, fmtY: (v: number) => string, bounds: { x?: [number, number]; y?: [number, number] } = {}): ScatterChart {
  const { width, height, margin } = SIZE;
  const x = scaleLinear().domain(padded(extent(points, (p) => p.x) as [number, number], 0.1, bounds.x)).nice().range([margin.left, width - margin.right]);
  x.domain(within(x.domain(), bounds.x));
  const y = scaleLinear().domain(padded(extent(points, (p) => p.y) as [number, number], 0.1, bounds.y)).nice().range([height - margin.bottom, margin.top]);
  y.domain(within(y.domain(), bounds.y));
  const front = points.filter((p) => p.pareto).sort((a, b) => a.x - b.x);
  const path = line<{ x: number; y: number }>().x((p) => x(p.x)).y((p) => y(p.y))(front) ?? '';
  return {
    width, height, margin,
    x: axis(x, fmtX), y: axis(y, fmtY),
    points: placeLabels(points.map((p) => ({ ...p, cx: x(p.x), cy: y(p.y), labelY: y(p.y) - 8 }))),
    frontPath: front.length > 1 ? path : '',
  };
}

export interface LineSeries { name: string; values: { x: number; y: number }[] }
export interface LineChart {
  width: number;
  height: number;
  margin: Margin;
  x: Axis;
  y: Axis;
  series: { name: string; path: string; dots: { cx: number; cy: number; x: number; y: number }[] }[];
}

/** Series against request rate; a log x scale when rates span more than a decade. */
/** `keepOrder`: join the points in the order given (a sweep by rate drawn against throughput), not by x. */
export function lines(series: LineSeries[], fmtX: (v: number) => string, fmtY: (v: number) => string, { keepOrder = false } = {}): LineChart {
  const { width, height, margin } = SIZE;
  const xs = series.flatMap((s) => s.values.map((v) => v.x));
  const ys = series.flatMap((s) => s.values.map((v) => v.y));
  const [xlo, xhi] = extent(xs) as [number, number];
  const useLog = xlo > 0 && xhi / xlo > 10;
  const x = (useLog ? scaleLog().domain([xlo, xhi]) : scaleLinear().domain(padded([xlo, xhi], 0.05))).range([margin.left, width - margin.right]);
  if (!useLog) (x as ReturnType<typeof scaleLinear>).nice();
  const y = scaleLinear().domain([0, Math.max(...ys) * 1.1 || 1]).nice().range([height - margin.bottom, margin.top]);
  const gen = line<{ x: number; y: number }>().x((p) => x(p.x)).y((p) => y(p.y));
  return {
    width, height, margin,
    x: axis(x, fmtX, useLog ? 5 : 6, useLog), y: axis(y, fmtY),
    series: series.map((s) => {
      const sorted = keepOrder ? s.values : [...s.values].sort((a, b) => a.x - b.x);
      return { name: s.name, path: gen(sorted) ?? '', dots: sorted.map((v) => ({ cx: x(v.x), cy: y(v.y), ...v })) };
    }),
  };
}

/** Moves labels down until they no longer overlap a label placed before them (about 7 px a character). */
function placeLabels<T extends { label: string; cx: number; labelY: number }>(points: T[]): T[] {
  const placed: { x0: number; x1: number; y: number }[] = [];
  for (const p of [...points].sort((a, b) => a.labelY - b.labelY)) {
    const x0 = p.cx + 9;
    const x1 = x0 + p.label.length * 7;
    while (placed.some((q) => Math.abs(q.y - p.labelY) < 13 && q.x0 < x1 && x0 < q.x1)) p.labelY += 13;
    placed.push({ x0, x1, y: p.labelY });
  }
  return points;
}
