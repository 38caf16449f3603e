// The model worker's name carries the backend choice it was started for ("medtext-engine wasm"):
// the worker must know it before anything loads, to pick its ONNX Runtime build (ort-build.ts).
import type { BackendChoice } from '../api.ts';

const PREFIX = 'medtext-engine';
const CHOICES: BackendChoice[] = ['auto', 'wasm', 'webgpu'];

export function workerName(choice: BackendChoice): string {
  return `${PREFIX} ${choice}`;
}

export function choiceFromWorkerName(name: string): BackendChoice {
  const choice = name.split(' ')[1] as BackendChoice;
  return CHOICES.includes(choice) ? choice : 'auto';
}
