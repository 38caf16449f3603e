// The client against fake engine workers (comlink over a MessageChannel): what the app does when
// `auto` finds that WebGPU fails, when one of several calls is cancelled, and when a worker dies.
import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineClient, EngineStoppedError } from '../../../src/client/engine.ts';
import type { BackendChoice, Entity, RuntimeInfo } from '../../../workers/api.ts';

interface FakeWorker {
  id: number;
  /** The choice the worker was created for (it picks its ONNX Runtime build from it). */
  startedFor: BackendChoice;
  configured: BackendChoice[];
  terminated: boolean;
}

interface FakeBehaviour {
  /** configure()'s answer. */
  answer: (choice: BackendChoice, index: number) => RuntimeInfo;
  /** entities(): by default answers at once with the worker's id as the type. */
  entities?: (fake: FakeWorker, text: string) => Promise<Entity[]>;
}

const ranOn = (fake: FakeWorker): Entity[] => [{ type: `worker-${fake.id}`, start: 0, end: 1, text: 'x', score: 1 }];

/** Fake workers over MessageChannels; `silence(i)` makes worker i stop answering, as a killed worker would. */
function fakeWorkers(answerOrBehaviour: FakeBehaviour['answer'] | FakeBehaviour) {
  const behaviour = typeof answerOrBehaviour === 'function' ? { answer: answerOrBehaviour } : answerOrBehaviour;
  const made: FakeWorker[] = [];
  const ports: MessagePort[] = [];
  const mains: MessagePort[] = [];
  const create = (choice: BackendChoice) => {
    const fake: FakeWorker = { id: made.length, startedFor: choice, configured: [], terminated: false };
    made.push(fake);
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    mains.push(port1);
    expose(
      {
        ping: async () => true,
        configure: async (choice: BackendChoice) => {
          fake.configured.push(choice);
          return behaviour.answer(choice, fake.id);
        },
        entities: async (text: string) => (behaviour.entities ? behaviour.entities(fake, text) : ranOn(fake)),
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
  return {
    made,
    create,
    silence: (i: number) => ports[i * 2 + 1].close(),
    crash: (i: number) => mains[i].dispatchEvent(new Event('error')),
    close: () => ports.forEach((p) => p.close()),
  };
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

/** A promise and its resolver, to hold a fake call until the test lets it finish. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('EngineClient: per-call cancellation and dead workers', () => {
  const wasm = () => info('wasm', 'WASM chosen.');

  it('cancelling one call re-runs the other call in flight on a fresh worker', async () => {
    const release = gate();
    const started: string[] = [];
    const workers = fakeWorkers({
      answer: wasm,
      entities: async (fake, text) => {
        started.push(`${text}@${fake.id}`);
        // On the first worker both calls hang (a long inference); on the next one they finish.
        if (fake.id === 0) await new Promise(() => {});
        await release.opened;
        return ranOn(fake);
      },
    });
    const client = new EngineClient(workers.create);
    cleanup.push(() => client.terminate(), workers.close);
    const stopFind = new AbortController();
    const find = client.entities('find', { signal: stopFind.signal });
    const deid = client.entities('deid');
    await vi.waitFor(() => expect(started).toEqual(['find@0', 'deid@0']));

    stopFind.abort();
    await expect(find).rejects.toThrow(/Cancelled/);
    release.open();
    const result = await deid;
    expect(result[0].type).toBe('worker-1'); // the other call finished, on a fresh worker
    expect(workers.made[0].terminated).toBe(true);
    expect(started).toEqual(['find@0', 'deid@0', 'deid@1']); // the cancelled call did not re-run
  });

  it('cancelling a call that waits for the worker to start does not stop the worker', async () => {
    const workers = fakeWorkers(wasm);
    const client = new EngineClient(workers.create);
    cleanup.push(() => client.terminate(), workers.close);
    const stop = new AbortController();
    const cancelled = client.entities('x', { signal: stop.signal });
    const other = client.entities('y');
    stop.abort();
    await expect(cancelled).rejects.toThrow(/Cancelled/);
    expect((await other)[0].type).toBe('worker-0');
    expect(workers.made).toHaveLength(1);
  });

  it('a worker that stops answering is detected by the heartbeat and replaced', async () => {
    const workers = fakeWorkers({
      answer: wasm,
      entities: async (fake) => (fake.id === 0 ? new Promise<Entity[]>(() => {}) : ranOn(fake)),
    });
    const client = new EngineClient(workers.create, { heartbeat: { intervalMs: 10, timeoutMs: 80 } });
    cleanup.push(() => client.terminate(), workers.close);
    const failures: string[] = [];
    client.onFailure((m) => failures.push(m));
    const call = client.entities('x');
    await vi.waitFor(() => expect(workers.made[0].configured).toHaveLength(1));
    workers.silence(0);
    const started = Date.now();
    await expect(call).rejects.toThrow(/stopped responding/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(failures[0]).toMatch(/stopped responding.*Press Retry/);
    expect((await client.entities('x'))[0].type).toBe('worker-1');
  });

  it('a worker error event fails its calls with a clear message; the next call starts a fresh worker', async () => {
    const workers = fakeWorkers({
      answer: wasm,
      entities: async (fake) => (fake.id === 0 ? new Promise<Entity[]>(() => {}) : ranOn(fake)),
    });
    const client = new EngineClient(workers.create);
    cleanup.push(() => client.terminate(), workers.close);
    const call = client.entities('x');
    await vi.waitFor(() => expect(workers.made[0].configured).toHaveLength(1));
    workers.crash(0);
    await expect(call).rejects.toBeInstanceOf(EngineStoppedError);
    await expect(call).rejects.toThrow(/stopped unexpectedly/);
    expect((await client.entities('x'))[0].type).toBe('worker-1');
  });

  it('a worker whose start-up failed (offline on a first visit) is replaced by the next call', async () => {
    const workers = fakeWorkers((_, i) => {
      if (i === 0)
        throw new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/engine.js');
      return wasm();
    });
    const client = new EngineClient(workers.create);
    cleanup.push(() => client.terminate(), workers.close);
    await expect(client.entities('x')).rejects.toThrow(/dynamically imported module/);
    expect((await client.entities('x'))[0].type).toBe('worker-1');
  });
});
