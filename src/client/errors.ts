// Failures in plain words: what failed (the file, the model, the engine, the network) and one
// action that fixes it. explainError() writes the sentence; recoveryFor() reads the action back
// from that sentence, so that a view only has to show a string (ErrorMessage offers the button).
import { failedFilePath } from '../../workers/runtime/browser-integrity.ts';

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'AbortError';
  }
}

export type Recovery =
  | { action: 'redownload'; label: 'Re-download'; path: string }
  | { action: 'restart'; label: 'Retry' }
  | { action: 'reload'; label: 'Reload' };

const OFFLINE_FIRST_VISIT =
  'You are offline, and this device has not stored the app completely yet (it does so during the first visit ' +
  'online). The analysis engine starts again by itself when the connection is back; then run it again.';

function isOffline(): boolean {
  return globalThis.navigator?.onLine === false;
}

/** Turns low-level failures into sentences a clinician can act on; the last sentence says what to press. */
export function explainError(err: unknown): string {
  const e = err as Error;
  if (e?.name === 'AbortError') return 'Stopped. Nothing was lost — you can run it again.';
  const msg = e?.message ?? String(err);
  const file = failedFilePath(msg);
  // Offline, a file that could not be fetched is not stored yet: Re-download cannot help until online.
  if (file && (isOffline() || /no network connection/.test(msg)))
    return `${OFFLINE_FIRST_VISIT} (Not stored yet: "${file}".)`;
  if (file) return `${msg.replace(/^.*?(The file ")/, '$1')} Press Re-download to fetch the file "${file}" again.`;
  // transformers.js's own words for a missing model file: name the file instead.
  const missing = /not found locally at "([^"]+)"/.exec(msg)?.[1];
  if (missing) {
    const path = missing.replace(/^(https?:\/\/[^/]+)?\//, '');
    return `The file "${path}" could not be loaded from this site. Press Re-download to fetch the file "${path}" again.`;
  }
  if (
    /dynamically imported module|Importing a module script failed|Failed to fetch|NetworkError|Load failed/i.test(msg)
  ) {
    if (isOffline()) return OFFLINE_FIRST_VISIT;
    const part = /https?:\/\/\S+?(?=[\s)"']|$)/.exec(msg)?.[0];
    return `Part of the app${part ? ` (${part})` : ''} could not be downloaded. Press Reload to load the page again.`;
  }
  if (/no available backend|magic word|WebAssembly|\.wasm/i.test(msg)) {
    return `ONNX Runtime, the engine's WebAssembly program, could not start (${msg}). Press Reload to load the page again.`;
  }
  if (e?.name === 'EngineStoppedError') {
    // Offline, a fresh worker's own script cannot load: that is the cause to name, not the engine.
    if (isOffline() && /stopped unexpectedly/.test(msg)) return OFFLINE_FIRST_VISIT;
    return `${msg} Press Retry to start it again.`;
  }
  if (/memory|allocation/i.test(msg)) return 'The device ran out of memory. Try a shorter text or close other tabs.';
  if (/WebGPU/i.test(msg)) return `${msg} Choose "WASM" in Settings to continue.`;
  return `Something went wrong while analysing the text: ${msg}`;
}

/** The one action an explained message offers (null: none, e.g. offline, which resumes by itself). */
export function recoveryFor(message: string): Recovery | null {
  const redownload = /Press Re-download to fetch the file "([^"]+)"/.exec(message)?.[1];
  if (redownload) return { action: 'redownload', label: 'Re-download', path: redownload };
  if (/Press Reload/.test(message)) return { action: 'reload', label: 'Reload' };
  if (/Press Retry/.test(message)) return { action: 'restart', label: 'Retry' };
  return null;
}
