// The command line for the installed package: cli/main.ts and the engine bundled into one Node ES
// module (dist-node/medtext.js, the package's `medtext` bin); npm dependencies stay external.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'cli/main.ts',
    outDir: 'dist-node',
    emptyOutDir: true,
    copyPublicDir: false,
    target: 'node20',
    minify: false,
    rollupOptions: {
      output: { entryFileNames: 'medtext.js', banner: '#!/usr/bin/env node' },
    },
  },
});
