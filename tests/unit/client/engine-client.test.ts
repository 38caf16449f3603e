// The client against fake engine workers (comlink over a MessageChannel): what the app does when
// `auto` finds that WebGPU fails, and when a call is cancelled.
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/client/engine.ts';
import type { BackendChoice, RuntimeInfo } from '../../../workers/api.ts';

interface FakeWorker {
  id: number;
  /** The choice the worker was created for (it picks its ONNX Runtime build from it). */
  startedFor: BackendChoice;
  configured: BackendChoice[];
  terminated: boolean;
}

/** A worker whose configure() answers with `answer(choice, workerIndex)` and whose entities() says who ran it. */
function fakeWorkers(answer: (choice: BackendChoice, index: number) => RuntimeInfo) {
  const made: FakeWorker[] = [];
  const ports: MessagePort[] = [];
  const create = (choice: BackendChoice) => {
    const fake: FakeWorker = { id: made.length, startedFor: choice, configured: [], terminated: false };
    made.push(fake);
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    expose(
      {
        configure: async (choice: BackendChoice) => {
          fake.configured.push(choice);
          return answer(choice, fake.id);
        },
        entities: async () => [{ type: `worker-${fake.id}`, start: 0, end: 1, text: 'x', score: 1 }],
      },
      port2,
    );
    return Object.assign(port1, {
      terminate: () => {
        fake.terminated = true;
        port1.close();
      },
    }) as unknown as Worker;
  };
  return { made, create, close: () => ports.forEach((p) => p.close()) };
}

const info = (backend: 'wasm' | 'webgpu', reason: string, recycle?: boolean): RuntimeInfo => ({
  backend,
  reason,
  threads: 2,
  crossOriginIsolated: true,
  ...(recycle ? { recycle } : {}),
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

describe('EngineClient', () => {
  it('moves to a fresh WASM worker when the WebGPU check failed, keeping the reason', async () => {
    const failed = info('wasm', 'WebGPU failed a test run (boom); using WASM, 2 threads.', true);
    const workers = fakeWorkers((choice, i) => (i === 0 ? failed : info('wasm', `WASM chosen (${choice})`)));
    const client = new EngineClient(workers.create);
    cleanup.push(() => client.terminate(), workers.close);
    const shown: (RuntimeInfo | null)[] = [];
    client.onRuntime((i) => shown.push(i));

    const result = await client.entities('x');
    expect(result[0].type).toBe('worker-1'); // ran on the fresh worker
    expect(workers.made).toHaveLength(2);
    expect(workers.made[0].terminated).toBe(true);
    expect(workers.made[0].configured).toEqual(['auto']);
    expect(workers.made[1].configured).toEqual(['wasm']);
    // The fresh worker is started for WASM, so it loads the plain WASM build of ONNX Runtime.
    expect(workers.made.map((w) => w.startedFor)).toEqual(['auto', 'wasm']);
    const last = shown.at(-1)!;
    expect(last.backend).toBe('wasm');
    expect(last.reason).toContain('WebGPU failed a test run');
    expect(last.recycle).toBeFalsy();

    // Later workers (after idle or cancel) go straight to WASM without re-running the failing check.
    client.terminate();
    await client.entities('x');
    expect(workers.made[2].configured).toEqual(['wasm']);
    expect(workers.made[2].startedFor).toBe('wasm');
  });

  it('keeps the worker when auto succeeds, and cancelling terminates it', async () => {
    const workers = fakeWorkers(() => info('webgpu', 'WebGPU passed a check against WASM.'));
    const client = new EngineClient(workers.create);
    cleanup.push(() => client.terminate(), workers.close);
    expect((await client.entities('x'))[0].type).toBe('worker-0');
    expect((await client.runtime()).backend).toBe('webgpu');
    expect(workers.made).toHaveLength(1);

    const stop = new AbortController();
    stop.abort();
    await expect(client.entities('x', { signal: stop.signal })).rejects.toThrow(/Cancelled/);
  });
});
