import { describe, expect, it } from 'vitest';
import type { BackendChoice } from '../../../workers/api.ts';
import { chooseBackend, type BackendProbe } from '../../../workers/runtime/backend.ts';
import { plainReason, whereItRuns } from '../../../src/ui/status-words.ts';

const JARGON = /adapter|asyncify|\bEPs?\b|cross-origin|\bWASM\b|\bWebGPU\b/i;

// The adapter reasons workers/runtime/ort-build.ts gives.
const ADAPTER_REASONS = [
  'This browser does not offer WebGPU.',
  'WebGPU is present but found no GPU adapter.',
  'WebGPU adapter request failed (Device lost).',
  'WebGPU is present, but its runtime is not stored on this device yet (it is fetched on first use online).',
];

/** Every reason chooseBackend gives, over choices, adapters, thread counts and check outcomes. */
async function allReasons(): Promise<string[]> {
  const reasons: string[] = [];
  const outcomes = [{ maxDiff: 0.001, sameTop: true }, { maxDiff: 0.3, sameTop: false }, new Error('boom')];
  for (const choice of ['auto', 'wasm', 'webgpu'] as BackendChoice[]) {
    for (const adapter of [
      { ok: true, reason: 'WebGPU adapter found.' },
      ...ADAPTER_REASONS.map((reason) => ({ ok: false, reason })),
    ]) {
      for (const [threads, crossOriginIsolated] of [
        [2, true],
        [1, true],
        [1, false],
      ] as const) {
        for (const outcome of outcomes) {
          const probe: BackendProbe = {
            webgpuAdapter: async () => adapter,
            compare: async () => {
              if (outcome instanceof Error) throw outcome;
              return outcome;
            },
            threads,
            crossOriginIsolated,
          };
          try {
            reasons.push((await chooseBackend(choice, probe)).reason);
          } catch (err) {
            reasons.push((err as Error).message);
          }
        }
      }
    }
  }
  return [...new Set(reasons)];
}

describe('plainReason', () => {
  it('leaves no jargon in any reason the engine gives', async () => {
    const reasons = await allReasons();
    expect(reasons.length).toBeGreaterThan(8);
    const left = reasons.map(plainReason).filter((r) => JARGON.test(r));
    expect(left).toEqual([]);
  });

  it('rewords the common cases plainly and keeps what the user must know', () => {
    expect(plainReason('This browser does not offer WebGPU. Using WASM, 2 threads.')).toBe(
      'This browser cannot use the graphics processor. Using the processor, 2 threads.',
    );
    expect(plainReason(ADAPTER_REASONS[3])).toContain('not stored on this device');
  });
});

describe('whereItRuns', () => {
  it('names the processor and keeps the backend name', () => {
    expect(whereItRuns({ backend: 'wasm', threads: 2 })).toBe('processor, 2 threads (wasm)');
    expect(whereItRuns({ backend: 'wasm', threads: 1 })).toBe('processor, one thread (wasm)');
    expect(whereItRuns({ backend: 'webgpu', threads: 2 })).toBe('graphics processor (webgpu)');
  });
});
