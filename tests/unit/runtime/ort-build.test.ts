// Which ONNX Runtime build a worker loads, from the choice it was started for and the WebGPU check.
import { describe, expect, it } from 'vitest';
import { ortBuildFor } from '../../../workers/runtime/ort-build.ts';
import { choiceFromWorkerName, workerName } from '../../../workers/runtime/worker-name.ts';

const usable = { ok: true, reason: 'WebGPU adapter found.' };
const missing = { ok: false, reason: 'This browser does not offer WebGPU.' };

describe('ortBuildFor', () => {
  it('loads the WebGPU build only where WebGPU may be used', () => {
    expect(ortBuildFor('auto', usable)).toBe('webgpu');
    expect(ortBuildFor('webgpu', usable)).toBe('webgpu');
  });

  it('loads the plain WASM build when WASM is chosen or WebGPU is not usable', () => {
    expect(ortBuildFor('wasm', usable)).toBe('wasm');
    expect(ortBuildFor('auto', missing)).toBe('wasm');
    // Chosen but unusable: the engine then says why WebGPU is not available.
    expect(ortBuildFor('webgpu', missing)).toBe('wasm');
  });
});

describe('worker name', () => {
  it('carries the backend choice to the worker', () => {
    for (const choice of ['auto', 'wasm', 'webgpu'] as const)
      expect(choiceFromWorkerName(workerName(choice))).toBe(choice);
  });

  it('falls back to auto for a name without a valid choice', () => {
    expect(choiceFromWorkerName('medtext-engine')).toBe('auto');
    expect(choiceFromWorkerName('medtext-engine gpu')).toBe('auto');
    expect(choiceFromWorkerName('')).toBe('auto');
  });
});
