import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../workers/api.ts';
import { TaskRunner } from '../../../src/ui/task-runner.svelte.ts';

const explain = (err: unknown) =>
  (err as Error).name === 'AbortError' ? 'Stopped.' : `Failed: ${(err as Error).message}`;

function abortable(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(Object.assign(new Error('x'), { name: 'AbortError' }))),
  );
}

describe('TaskRunner', () => {
  it('tracks running, progress and the result', async () => {
    const runner = new TaskRunner<string>(explain);
    let report: (e: ProgressEvent) => void = () => {};
    let finish: (v: string) => void = () => {};
    const done = runner.run(({ onProgress }) => {
      report = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    expect(runner.running).toBe(true);
    report({ stage: 'download', fraction: 0.5 });
    expect(runner.progress).toEqual({ stage: 'download', fraction: 0.5 });
    finish('ok');
    expect(await done).toBe('ok');
    expect(runner.running).toBe(false);
    expect(runner.progress).toBeNull();
    expect(runner.result).toBe('ok');
    expect(runner.error).toBeNull();
  });

  it('turns failures into an explained error, clearing the previous result', async () => {
    const runner = new TaskRunner<string>(explain);
    await runner.run(async () => 'first');
    await runner.run(async () => {
      throw new Error('boom');
    });
    expect(runner.error).toBe('Failed: boom');
    expect(runner.result).toBeNull();
    expect(runner.running).toBe(false);
  });

  it('cancel aborts the signal and leaves a calm notice, not an error', async () => {
    const runner = new TaskRunner<string>(explain);
    const done = runner.run(({ signal }) => abortable(signal));
    runner.cancel();
    expect(await done).toBeUndefined();
    expect(runner.notice).toBe('Stopped.');
    expect(runner.error).toBeNull();
    expect(runner.running).toBe(false);
  });

  it('a newer run supersedes an older one: stale results and progress are ignored', async () => {
    const runner = new TaskRunner<string>(explain);
    let staleProgress: (e: ProgressEvent) => void = () => {};
    let finishOld: (v: string) => void = () => {};
    let oldSignal: AbortSignal | undefined;
    const old = runner.run(({ signal, onProgress }) => {
      oldSignal = signal;
      staleProgress = onProgress;
      return new Promise((resolve) => (finishOld = resolve));
    });
    const fresh = runner.run(async () => 'new');
    expect(oldSignal?.aborted).toBe(true);
    staleProgress({ stage: 'warmup' });
    finishOld('old');
    await Promise.all([old, fresh]);
    expect(runner.result).toBe('new');
    expect(runner.progress).toBeNull();
    expect(runner.running).toBe(false);
  });

  it('fail() shows a message without running anything; reset() clears everything', async () => {
    const runner = new TaskRunner<string>(explain);
    runner.fail('Please paste a note first.');
    expect(runner.error).toBe('Please paste a note first.');
    expect(runner.running).toBe(false);
    await runner.run(async () => 'x');
    expect(runner.error).toBeNull();
    runner.reset();
    expect(runner.result).toBeNull();
  });
});
