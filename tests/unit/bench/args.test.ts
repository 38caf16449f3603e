import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../bench/speed/args.ts';

describe('parseBenchArgs', () => {
  it('defaults to the full run: 1,000 items, 30 latency runs, build when stale', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      build: true,
      webgpu: false,
      items: 1000,
      latencyRuns: 30,
      timeoutS: 3600,
      outDir: 'bench/results',
      help: false,
    });
  });

  it('--quick shrinks the sample and the watchdog', () => {
    const a = parseBenchArgs(['--quick']);
    expect([a.quick, a.items, a.latencyRuns, a.timeoutS]).toEqual([true, 100, 10, 900]);
  });

  it('explicit numbers win over --quick, in both --flag N and --flag=N forms', () => {
    const a = parseBenchArgs(['--quick', '--items', '40', '--latency-runs=5', '--no-build', '--webgpu']);
    expect([a.items, a.latencyRuns, a.build, a.webgpu]).toEqual([40, 5, false, true]);
  });

  it('rejects unknown options and bad numbers with the usage text', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option "--fast"[\s\S]*usage:/);
    expect(() => parseBenchArgs(['--items', '0'])).toThrow(/positive whole number/);
    expect(() => parseBenchArgs(['--items', '1.5'])).toThrow(/positive whole number/);
    expect(() => parseBenchArgs(['--items'])).toThrow(/--items needs a value/);
    expect(() => parseBenchArgs(['--out', '--quick'])).toThrow(/--out needs a value/);
    expect(() => parseBenchArgs(['--quick=yes'])).toThrow(/unknown option/);
  });

  it('recognises help', () => {
    expect(parseBenchArgs(['-h']).help).toBe(true);
    expect(parseBenchArgs(['--help']).help).toBe(true);
  });
});
