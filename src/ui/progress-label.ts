// Words and a 0..1 value for a ProgressEvent, shared by ProgressBar and its tests.
import type { ProgressEvent } from '../../workers/api.ts';

export function progressLabel(event: ProgressEvent | null): string {
  if (!event) return 'Starting…';
  const pct = event.fraction === undefined ? '' : ` ${Math.round(clamp01(event.fraction) * 100)}%`;
  switch (event.stage) {
    case 'download':
      // The bytes are in; ONNX Runtime now builds the session (seconds), which reports nothing.
      if (event.fraction !== undefined && event.fraction >= 1) return 'Preparing the model (creating the session)…';
      return `Downloading the model…${pct}`;
    case 'initialise':
      return 'Preparing the model (session ready)…';
    case 'warmup':
      return 'Warming up (a first test run)…';
    case 'items':
      if (event.done !== undefined && event.total !== undefined) {
        // The worker reports parts finished so far (batch.ts).
        return `Analysing ${Math.min(event.done, event.total)} of ${event.total}`;
      }
      return `Analysing…${pct}`;
  }
}

/**
 * Share of the loading bar each model stage ends at: the download fills most of it, session
 * creation and warm-up the rest, so the bar keeps moving after the last byte.
 */
const LOAD_STAGE_END = { download: 0.7, session: 0.9, warmup: 1 };

/** undefined → indeterminate bar. */
export function progressValue(event: ProgressEvent | null): number | undefined {
  if (!event) return undefined;
  if (event.stage === 'download') {
    return event.fraction === undefined ? undefined : clamp01(event.fraction) * LOAD_STAGE_END.download;
  }
  if (event.stage === 'initialise') return LOAD_STAGE_END.session;
  if (event.stage === 'warmup') return LOAD_STAGE_END.session + (LOAD_STAGE_END.warmup - LOAD_STAGE_END.session) / 2;
  if (event.fraction !== undefined) return clamp01(event.fraction);
  if (event.done !== undefined && event.total) return clamp01(event.done / event.total);
  return undefined;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
