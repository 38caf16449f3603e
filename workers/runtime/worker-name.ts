// The model worker's name carries the backend choice it was started for ("medtext-engine wasm") and,
// when the engine is embedded in another app, where its models are served ("medtext-engine wasm
// https://host/medtext/"): the worker must know both before anything loads (ort-build.ts, files.ts).
import type { BackendChoice } from '../api.ts';

const PREFIX = 'medtext-engine';
const CHOICES: BackendChoice[] = ['auto', 'wasm', 'webgpu'];

export function workerName(choice: BackendChoice, baseUrl?: string): string {
  return baseUrl ? `${PREFIX} ${choice} ${baseUrl}` : `${PREFIX} ${choice}`;
}

/** The base URL an embedding app gave (models/ and integrity.json are served under it), if any. */
export function baseFromWorkerName(name: string): string | undefined {
  const [prefix, , base] = name.split(' ');
  return prefix === PREFIX && base ? base : undefined;
}

export function choiceFromWorkerName(name: string): BackendChoice {
  const choice = name.split(' ')[1] as BackendChoice;
  return CHOICES.includes(choice) ? choice : 'auto';
}
