import type { Plugin } from 'vite';

// Response headers of every medtext server (dev, preview, `npm start`, static hosting):
// cross-origin isolation for WASM threads, and a Content-Security-Policy that allows only
// the app's own origin.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** Directives a <meta> CSP cannot carry (browsers ignore them there): they stay header-only. */
const HEADER_ONLY = /^(frame-ancestors|report-uri|report-to|sandbox)\b/;

/** The CSP as a <meta http-equiv> can state it, so that a host that sends no headers still enforces it. */
export const META_CSP = CSP.split('; ')
  .filter((directive) => !HEADER_ONLY.test(directive))
  .join('; ');

/** Puts META_CSP first in <head> of every built page (index.html, bench.html): generated, so it cannot drift. */
export function cspMeta(): Plugin {
  return {
    name: 'medtext-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' },
    ],
  };
}
