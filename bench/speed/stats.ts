// Small numeric helpers for the bench. Pure, so they are unit-tested.

/** Percentile by linear interpolation between closest ranks (p in 0..100); null for no samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** a / b, or null when either is missing or b is not a positive number. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** Per-second rate of `count` over `ms`; null when nothing was timed. */
export function perSecond(count: number, ms: number): number | null {
  return ms > 0 ? (count * 1000) / ms : null;
}

/** Rounds to `digits` significant decimals for printing and JSON; keeps null. */
export function round(x: number | null | undefined, digits = 2): number | null {
  if (x == null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Every `stride`-th element so that a fixed sample spans the whole file, not just its start. */
export function spreadSample<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  const stride = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * stride)]);
}
