// Item sizes for @tanstack/svelte-virtual lists, taken from ResizeObserver entries only.
import type { Virtualizer } from '@tanstack/svelte-virtual';

/**
 * The library's default reads offsetHeight when a row mounts: a forced layout of the whole page per
 * row (measured: most of a 185 ms task when the first part of a 200 KB note's result appeared). Rows
 * keep their estimate until the ResizeObserver reports them, after the browser's own layout.
 */
export function observedSize<S extends Element, E extends Element>(
  element: E,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<S, E>,
): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return box.blockSize;
  const index = instance.indexFromElement(element);
  return instance.measurementsCache[index]?.size ?? instance.options.estimateSize(index);
}
