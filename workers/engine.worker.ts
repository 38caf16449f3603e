// The model worker: picks the ONNX Runtime build for the backend it was started for, then builds
// the engine for the browser and exposes it with comlink. Nothing else.
import { expose } from 'comlink';
import type { EngineApi } from './api.ts';
import { installOrt, warmUpOrt } from './runtime/ort-build.ts';
import { choiceFromWorkerName } from './runtime/worker-name.ts';

const engine = installOrt(choiceFromWorkerName(self.name)).then(async (runtime) => {
  // Loaded only now: transformers.js picks up the ONNX Runtime build installOrt chose.
  const [{ Engine }, { browserProbe }, { localBrowserModelFiles }] = await Promise.all([
    import('./engine.ts'),
    import('./runtime/browser-probe.ts'),
    import('./runtime/browser-setup.ts'),
  ]);
  const engine = new Engine({ files: localBrowserModelFiles(runtime), probe: browserProbe(runtime) });
  void warmUpOrt(runtime);
  return engine;
});

// Exposed at once, so no message is lost while the engine starts: each method call waits for it.
expose(
  new Proxy({} as EngineApi, {
    get: (_, method) =>
      typeof method === 'string'
        ? (...args: unknown[]) =>
            engine.then((e) => (e as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args))
        : undefined,
  }),
);
