// Sorted spans: binary search over them, and a set of non-overlapping spans with O(log n) overlap
// checks, for greedy conflict resolution.
import type { Span } from '../api.ts';

/**
 * Binary search: the number of leading items of a sorted list of `length` for which `isBefore(i)`
 * holds (it must hold for a prefix of the list and for nothing after it).
 */
export function partitionPoint(length: number, isBefore: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first span ending after `offset`, in spans sorted by start whose ends also ascend. */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  return partitionPoint(spans.length, (i) => spans[i].end <= offset);
}

export class DisjointSpans<T extends Span> {
  readonly items: T[] = [];

  /** True when `span` overlaps no stored span. */
  isFree(span: Span): boolean {
    const at = firstEndingAfter(this.items, span.start);
    return at >= this.items.length || this.items[at].start >= span.end;
  }

  /** Adds `span` if it overlaps nothing already stored; returns whether it was added. */
  addIfFree(span: T): boolean {
    const at = firstEndingAfter(this.items, span.start);
    if (at < this.items.length && this.items[at].start < span.end) return false;
    this.items.splice(at, 0, span);
    return true;
  }
}
