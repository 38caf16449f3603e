import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { integrity, SW_INTEGRITY_SCRIPT } from './scripts/integrity.ts';
import { localAssets } from './scripts/local-assets.ts';
import { modelCards } from './scripts/model-cards.ts';
import { cspMeta, SECURITY_HEADERS } from './scripts/headers.ts';

const { ['Content-Security-Policy']: _csp, ...devHeaders } = SECURITY_HEADERS;
const WEBGPU_WASM_GLOB = 'assets/ort-wasm-simd-threaded.asyncify-*.wasm';
const WEBGPU_WASM = /\/ort-wasm-simd-threaded\.asyncify-[^/]*\.wasm$/;

export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    localAssets(),
    integrity(),
    cspMeta(),
    modelCards(),
    VitePWA({
      registerType: 'autoUpdate',
      // An external registerSW.js: an inline script would break the Content-Security-Policy.
      injectRegister: 'script',
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'medtext — private medical text analysis',
        short_name: 'medtext',
        description:
          'Classify clinical notes, compare sentences and find medical entities. Everything runs on your device.',
        theme_color: '#0f4c5c',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Checks model and wasm files against integrity.json before anything is stored.
        importScripts: [SW_INTEGRITY_SCRIPT],
        // The app shell, ONNX Runtime and the default models: everything works offline after one visit.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,json,gz,onnx,wasm,webmanifest}'],
        // bench.html and its chunks are for `npm run bench` only. ONNX Runtime's WebGPU build
        // (26.8 MB) serves only devices with WebGPU: stored when first fetched, not installed.
        globIgnores: ['bench.html', 'assets/bench-*.js', 'assets/bench.worker-*.js', WEBGPU_WASM_GLOB],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => WEBGPU_WASM.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'medtext-webgpu-runtime', expiration: { maxEntries: 1 } },
          },
        ],
        navigateFallbackDenylist: [/\/bench\.html$/],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Take control of the page that installed the service worker, so the first visit is
        // already enough for offline use.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    // bench.html: the page `npm run bench` drives (bench/page/); the app never links to it.
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  server: { headers: devHeaders },
  preview: { headers: SECURITY_HEADERS },
});
