// Start-up shared by every browser worker that runs the engine (the app's and the bench's): the
// ONNX Runtime build for the backend choice first, then what needs transformers.js (which picks up
// that build when it loads): the engine class, model files from our own origin, the browser probe.
import type { BackendChoice } from '../api.ts';
import { installOrt } from './ort-build.ts';

export async function startBrowserRuntime(choice: BackendChoice) {
  const runtime = await installOrt(choice);
  const [{ Engine }, { browserProbe }, { localBrowserModelFiles }] = await Promise.all([
    import('../engine.ts'),
    import('./browser-probe.ts'),
    import('./browser-setup.ts'),
  ]);
  return { runtime, Engine, files: localBrowserModelFiles(runtime), probe: browserProbe(runtime) };
}
