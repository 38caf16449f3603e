// Every e2e test runs with a recorder of all requests made by the page, its workers and the
// service worker, and of Content-Security-Policy violations (the page's securitypolicyviolation
// events and the browser's CSP console reports, workers included). After each test we assert that
// no request left the app's own origin and nothing was blocked; the suite prints both totals.
import type { ViewId } from '../../src/ui/views.ts';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

export const APP_ORIGIN = 'http://localhost:4173';

interface Audit {
  requests: string[];
  violations: string[];
}

const isForeign = (u: string) => !u.startsWith(APP_ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:');
const CSP_REPORT = /Content Security Policy|Refused to (load|execute|connect|create|apply|compile|frame)/i;

/** Records `context`'s requests and CSP violations into `audit` (also for contexts a test makes itself). */
async function watchContext(context: BrowserContext, audit: Audit): Promise<void> {
  context.on('request', (req) => audit.requests.push(req.url()));
  const watchPage = (page: Page) => {
    page.on('console', (msg) => CSP_REPORT.test(msg.text()) && audit.violations.push(msg.text()));
    page.on('worker', (w) =>
      w.on('console', (msg) => CSP_REPORT.test(msg.text()) && audit.violations.push(msg.text())),
    );
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  await context.exposeBinding('__medtextCspViolation', (_, detail: string) => audit.violations.push(detail));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __medtextCspViolation?: (d: string) => void }).__medtextCspViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI}`);
    }),
  );
}

interface SuiteTotals {
  tests: number;
  requests: number;
  foreign: number;
  violations: number;
}

export const test = base.extend<
  { audit: Audit; requests: string[]; watch: (context: BrowserContext) => Promise<void> },
  { suiteTotals: SuiteTotals }
>({
  suiteTotals: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the (empty) dependency list from it
    async ({}, use, workerInfo) => {
      const totals: SuiteTotals = { tests: 0, requests: 0, foreign: 0, violations: 0 };
      await use(totals);
      // One line per worker (the config runs one): the suite-wide figure the README cites.
      console.log(`[audit ${workerInfo.project.name}] ${JSON.stringify(totals)}`);
    },
    { scope: 'worker', auto: true },
  ],
  audit: [
    async ({ context, suiteTotals }, use) => {
      const audit: Audit = { requests: [], violations: [] };
      await watchContext(context, audit);
      await use(audit);
      const foreign = audit.requests.filter(isForeign);
      suiteTotals.tests++;
      suiteTotals.requests += audit.requests.length;
      suiteTotals.foreign += foreign.length;
      suiteTotals.violations += audit.violations.length;
      expect(foreign, 'requests to other origins').toEqual([]);
      expect(audit.violations, 'Content-Security-Policy violations').toEqual([]);
      expect(audit.requests.length, 'the recorder saw the app load').toBeGreaterThan(3);
    },
    { auto: true },
  ],
  requests: async ({ audit }, use) => use(audit.requests),
  /** Records a context the test launched itself (e.g. a persistent profile) into the same audit. */
  watch: async ({ audit }, use) => use((context) => watchContext(context, audit)),
});

export { expect };

/**
 * Which ONNX Runtime builds were fetched, by the page's workers or the service worker: the plain
 * WASM one (part of the offline install) and/or the WebGPU one (fetched only when used).
 */
export function ortBuildsFetched(requests: string[]) {
  return {
    wasm: requests.some((u) => /\/ort-wasm-simd-threaded-[^/.]*\.wasm$/.test(u)),
    webgpu: requests.some((u) => /\/ort-wasm-simd-threaded\.asyncify-[^/]*\.wasm$/.test(u)),
  };
}

/** Waits until the service worker controls the page (it has precached the app by then). */
export async function swControlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
}

export const NOTE =
  'The patient is a 64-year-old man with type 2 diabetes mellitus and hypertension. He was started on metformin and lisinopril. ' +
  'He denies chest pain. Cisplatin-induced nephrotoxicity was noted.';

export async function openView(page: Page, view: ViewId) {
  await page.getByTestId(`tab-${view}`).click();
}

export async function runEntities(page: Page, text: string) {
  await openView(page, 'entities');
  await page.getByTestId('entities-input').fill(text);
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('entities-result').getByTestId('entity').first()).toBeVisible();
  return page
    .getByTestId('entities-result')
    .getByTestId('entity')
    .evaluateAll((els) =>
      els.map((el) => ({
        type: el.getAttribute('data-type'),
        start: Number(el.getAttribute('data-start')),
        end: Number(el.getAttribute('data-end')),
        text: el.textContent,
      })),
    );
}

export async function runClassify(page: Page, text: string) {
  await openView(page, 'classify');
  await page.getByTestId('classify-input').fill(text);
  await page.getByTestId('classify-run').click();
  const rows = page.getByTestId('classify-result').getByTestId('label-row');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-label')));
}

export async function runSimilarity(page: Page, source: string, candidates: string[]) {
  await openView(page, 'similarity');
  await page.getByTestId('similarity-source').fill(source);
  await page.getByTestId('similarity-candidates').fill(candidates.join('\n'));
  await page.getByTestId('similarity-run').click();
  const rows = page.getByTestId('similarity-result').getByTestId('hit-row');
  await expect(rows).toHaveCount(candidates.length);
  return rows.allTextContents();
}
