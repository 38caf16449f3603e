// medtext as a library for other web apps (package export "."): src/lib/index.ts built as an ES module
// (dist-lib/medtext.js) with its worker, ONNX Runtime's wasm, the models and integrity.json beside it.
// A normal (not "lib" mode) build, so that the wasm and models stay files instead of inlined base64.
import { defineConfig } from 'vite';
import { integrity } from './scripts/integrity.ts';
import { localAssets } from './scripts/local-assets.ts';

export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [localAssets(), integrity()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist-lib',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { medtext: 'src/lib/index.ts' },
      preserveEntrySignatures: 'strict',
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
