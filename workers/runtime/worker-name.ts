// The model worker's name carries the backend choice it was started for ("medtext-engine wasm") and,
// when the engine is embedded in another app, where its models are served ("medtext-engine wasm
// https://host/medtext/"), and a cap on its WASM threads where a pool runs several workers
// ("medtext-engine wasm threads=1"): the worker must know these before anything loads (ort-build.ts,
// files.ts, browser-probe.ts).
import type { BackendChoice } from '../api.ts';

const PREFIX = 'medtext-engine';
const CHOICES: BackendChoice[] = ['auto', 'wasm', 'webgpu'];

const THREADS = 'threads=';

export function workerName(choice: BackendChoice, baseUrl?: string, maxThreads?: number): string {
  const name = baseUrl ? `${PREFIX} ${choice} ${baseUrl}` : `${PREFIX} ${choice}`;
  return maxThreads ? `${name} ${THREADS}${maxThreads}` : name;
}

/** The most WASM threads this worker may use, when its name caps them. */
export function maxThreadsFromWorkerName(name: string): number | undefined {
  const token = name.split(' ').find((t) => t.startsWith(THREADS));
  const threads = Number(token?.slice(THREADS.length));
  return Number.isInteger(threads) && threads > 0 ? threads : undefined;
}

/** The base URL an embedding app gave (models/ and integrity.json are served under it), if any. */
export function baseFromWorkerName(name: string): string | undefined {
  const [prefix, , base] = name.split(' ');
  return prefix === PREFIX && base && !base.startsWith(THREADS) ? base : undefined;
}

export function choiceFromWorkerName(name: string): BackendChoice {
  const choice = name.split(' ')[1] as BackendChoice;
  return CHOICES.includes(choice) ? choice : 'auto';
}
