// A sorted set of non-overlapping spans with O(log n) overlap checks, for greedy conflict resolution.
import type { Span } from '../api.ts';

export class DisjointSpans<T extends Span> {
  readonly items: T[] = [];

  /** Index of the first item whose end is after `offset`. */
  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when `span` overlaps no stored span. */
  isFree(span: Span): boolean {
    const at = this.firstEndingAfter(span.start);
    return at >= this.items.length || this.items[at].start >= span.end;
  }

  /** Adds `span` if it overlaps nothing already stored; returns whether it was added. */
  addIfFree(span: T): boolean {
    const at = this.firstEndingAfter(span.start);
    if (at < this.items.length && this.items[at].start < span.end) return false;
    this.items.splice(at, 0, span);
    return true;
  }
}
