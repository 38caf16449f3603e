// The model worker: picks the ONNX Runtime build for the backend it was started for, then builds
// the engine for the browser and exposes it with comlink. Nothing else.
import { expose } from 'comlink';
import type { EngineWorkerApi } from './api.ts';
import { startBrowserRuntime } from './runtime/browser-start.ts';
import { warmUpOrt } from './runtime/ort-build.ts';
import { choiceFromWorkerName } from './runtime/worker-name.ts';

const engine = startBrowserRuntime(choiceFromWorkerName(self.name)).then(({ runtime, Engine, files, probe }) => {
  const engine = new Engine({ files, probe });
  void warmUpOrt(runtime);
  return engine;
});

// Exposed at once, so no message is lost while the engine starts: each method call waits for it,
// except ping, which the client's heartbeat uses to tell a busy or starting worker from a dead one.
expose(
  new Proxy({} as EngineWorkerApi, {
    get: (_, method) => {
      if (method === 'ping') return async () => true;
      return typeof method === 'string'
        ? (...args: unknown[]) =>
            engine.then((e) => (e as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args))
        : undefined;
    },
  }),
);
