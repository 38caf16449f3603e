// Words and a 0..1 value for a ProgressEvent, shared by ProgressBar and its tests.
import type { ProgressEvent } from '../../workers/api.ts';

export function progressLabel(event: ProgressEvent | null): string {
  if (!event) return 'Starting…';
  const pct = event.fraction === undefined ? '' : ` ${Math.round(clamp01(event.fraction) * 100)}%`;
  switch (event.stage) {
    case 'download':
      return `Loading model…${pct}`;
    case 'initialise':
      return `Preparing model…${pct}`;
    case 'warmup':
      return 'Warming up…';
    case 'items':
      if (event.done !== undefined && event.total !== undefined) {
        // The worker reports parts finished so far (batch.ts).
        return `Analysing ${Math.min(event.done, event.total)} of ${event.total}`;
      }
      return `Analysing…${pct}`;
  }
}

/** undefined → indeterminate bar. */
export function progressValue(event: ProgressEvent | null): number | undefined {
  if (!event) return undefined;
  if (event.fraction !== undefined) return clamp01(event.fraction);
  if (event.done !== undefined && event.total) return clamp01(event.done / event.total);
  return undefined;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
