// Browser side, driven through Playwright: the bench page (bench.html) for throughput, latency,
// long tasks and memory; the real app (index.html) for cold start, as a user meets it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { BackendChoice } from '../../workers/api.ts';
import type { BenchPage } from '../page/main.ts';
import type { JobResult } from './jobs.ts';
import { rendererPeakBytes } from './procmem.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // measureUserAgentSpecificMemory() otherwise waits for the next GC, up to ~20 s.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

export interface Profile {
  context: BrowserContext;
  /** The profile folder: identifies this Chromium's processes (see procmem.ts). */
  dir: string;
  close(): Promise<void>;
}

const profiles = new Set<Profile>();

/**
 * Chromium with a fresh profile folder: an empty cache, like a first visit. A real on-disk profile
 * rather than an incognito context, whose in-memory HTTP cache fails large compressed responses
 * (vite preview gzips the .onnx on the fly) with net::ERR_CACHE_WRITE_FAILURE now and then.
 */
export async function openProfile(webgpu: boolean): Promise<Profile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'medtext-bench-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      args: webgpu ? [...BASE_ARGS, '--enable-unsafe-webgpu'] : BASE_ARGS,
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start Chromium at ${CHROMIUM} (set CHROMIUM_PATH): ${(err as Error).message}`, {
      cause: err,
    });
  }
  const profile: Profile = {
    context,
    dir,
    async close() {
      profiles.delete(profile);
      await context.close().catch(() => {});
      await rm(dir, { recursive: true, force: true }).catch(() => {});
    },
  };
  profiles.add(profile);
  return profile;
}

/** Closes every Chromium this module started (used on failure, timeout and interrupt). */
export async function closeAllProfiles(): Promise<void> {
  await Promise.all([...profiles].map((p) => p.close()));
}

/** Rejects after `ms` so that a hung page cannot hang the bench (and CI). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

type Win = { medtextBench: BenchPage };
type PageResult<K extends keyof BenchPage> = Awaited<ReturnType<Extract<BenchPage[K], (...a: never[]) => unknown>>>;

/** The bench page in a fresh context; page errors are kept so failures say what went wrong. */
export class BenchPageDriver {
  readonly errors: string[] = [];
  private constructor(
    private readonly profile: Profile,
    private readonly page: Page,
  ) {
    page.on('pageerror', (e) => this.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
  }

  static async open(webgpu: boolean, baseUrl: string): Promise<BenchPageDriver> {
    const profile = await openProfile(webgpu);
    const page = profile.context.pages()[0] ?? (await profile.context.newPage());
    const driver = new BenchPageDriver(profile, page);
    try {
      await page.goto(new URL('bench.html', baseUrl).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    } catch (err) {
      await profile.close();
      throw new Error(`bench page did not start: ${(err as Error).message} ${driver.errors.join(' | ')}`, {
        cause: err,
      });
    }
    return driver;
  }

  /** Calls a bench page method in the page; errors carry the page's own messages. */
  async call<K extends keyof BenchPage>(name: K, args: unknown[], timeoutMs: number): Promise<PageResult<K>> {
    try {
      return (await withTimeout(
        this.page.evaluate(
          ([n, a]) => {
            const fn = (globalThis as unknown as Win).medtextBench[n as keyof BenchPage] as (
              ...x: unknown[]
            ) => unknown;
            return fn(...(a as unknown[]));
          },
          [name, args] as const,
        ),
        timeoutMs,
        `bench page ${String(name)}()`,
      )) as PageResult<K>;
    } catch (err) {
      const extra = this.errors.length ? ` (page errors: ${this.errors.slice(-3).join(' | ')})` : '';
      throw new Error(`${(err as Error).message.split('\n')[0]}${extra}`, { cause: err });
    }
  }

  isolation(): Promise<{ crossOriginIsolated: boolean; hardwareConcurrency: number }> {
    return this.page.evaluate(() => {
      const b = (globalThis as unknown as Win).medtextBench;
      return { crossOriginIsolated: b.crossOriginIsolated, hardwareConcurrency: b.hardwareConcurrency };
    });
  }

  start(threads: number | null, backend: BackendChoice) {
    return this.call('start', [threads, backend], 120_000);
  }

  /** Peak resident memory of this Chromium's renderers so far (Linux), or null. */
  rendererPeakBytes(): number | null {
    return rendererPeakBytes(this.profile.dir);
  }

  browserVersion(): Promise<string> {
    return this.page.evaluate(() => navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? navigator.userAgent);
  }

  close(): Promise<void> {
    return this.profile.close();
  }
}

export interface BrowserRun {
  threads: number;
  backend: string;
  load_ms: number;
  job: JobResult;
}

/** Generous per-job limit: about 1 s per item on a loaded 2-core machine, at least 2 minutes. */
export const jobTimeout = (items: number) => Math.max(120_000, items * 1000);

export interface ColdStart {
  empty_ms: number;
  warm_ms: number;
  /** Bytes over the network during the first visit until the service worker took over (page, workers, SW). */
  first_visit_network_bytes: number;
  warm_network_bytes: number;
  /** Whether the service worker served the second load (else the warm figure is the HTTP cache's). */
  warm_controlled_by_service_worker: boolean;
  first_visit_requests: number;
  /** Paths fetched from the network on the first visit (page, its workers and the service worker's precache). */
  fetched_urls: string[];
  /** Fetched over the network more than once on the first visit (page/worker and the SW precache). */
  fetched_more_than_once: { url: string; times: number; bytes: number; by: string[] }[];
  /** When each progress label first showed on the first visit and on the warm load: where their time goes. */
  empty_stages: StageMark[];
  warm_stages: StageMark[];
}

const ENTITY_SELECTOR = '[data-testid="entities-result"] [data-testid="entity"]';
const PROGRESS_SELECTOR = '[data-testid="progress"] span';

/** A progress label as the page first showed it (numbers dropped), in ms since navigation start. */
export interface StageMark {
  label: string;
  at_ms: number;
}

/**
 * Records, in the page, when the first entity appears and when each progress label (without its
 * numbers) first shows (ms since navigation start): where a cold start spends its time.
 */
function markFirstEntity([selector, progress]: [string, string]) {
  const w = globalThis as unknown as { __firstEntityAt?: number; __stages?: { label: string; at_ms: number }[] };
  const stages: { label: string; at_ms: number }[] = (w.__stages = []);
  const obs = new MutationObserver(() => {
    const label = document
      .querySelector(progress)
      ?.textContent?.replace(/\d+( of \d+|%)?/g, '#')
      .trim();
    if (label && !stages.some((s) => s.label === label)) stages.push({ label, at_ms: Math.round(performance.now()) });
    if (w.__firstEntityAt === undefined && document.querySelector(selector)) {
      w.__firstEntityAt = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { childList: true, subtree: true, characterData: true });
}

/** Page load → first entity in the real app: open, type the note, press run, as fast as Playwright can. */
async function timeToFirstEntity(
  context: BrowserContext,
  url: string,
  note: string,
): Promise<{ ms: number; page: Page; stages: StageMark[] }> {
  const page = await context.newPage();
  await page.addInitScript(markFirstEntity, [ENTITY_SELECTOR, PROGRESS_SELECTOR] as [string, string]);
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByTestId('tab-entities').click({ timeout: 60_000 });
  await page.getByTestId('entities-input').fill(note);
  await page.getByTestId('entities-run').click();
  await page.waitForSelector(ENTITY_SELECTOR, { timeout: 180_000 });
  await page.waitForFunction(() => (globalThis as { __firstEntityAt?: number }).__firstEntityAt !== undefined);
  const { ms, stages } = await page.evaluate(() => {
    const w = globalThis as unknown as { __firstEntityAt: number; __stages: StageMark[] };
    return { ms: w.__firstEntityAt, stages: w.__stages };
  });
  return { ms, page, stages };
}

export async function coldStart(webgpu: boolean, baseUrl: string, note: string): Promise<ColdStart> {
  const profile = await openProfile(webgpu);
  const context = profile.context;
  let phase: 'empty' | 'warm' = 'empty';
  const bytes = { empty: 0, warm: 0 };
  const urls = new Map<string, { count: number; bytes: number; by: string[] }>();
  let requests = 0;
  const pending: Promise<void>[] = [];
  context.on('requestfinished', (req) => {
    const at = phase;
    pending.push(
      (async () => {
        const res = await req.response();
        // Answered by the service worker: no network bytes (the SW's own fetches are counted separately).
        if (!res || res.fromServiceWorker()) return;
        const sizes = await req.sizes();
        bytes[at] += sizes.responseBodySize + sizes.responseHeadersSize;
        if (at === 'empty') {
          requests++;
          const u = urls.get(new URL(req.url()).pathname) ?? { count: 0, bytes: 0, by: [] };
          // Who asked: the service worker (its precache) or the page and its workers.
          const by = req.serviceWorker() ? 'service worker' : 'page';
          urls.set(new URL(req.url()).pathname, {
            count: u.count + 1,
            bytes: u.bytes + sizes.responseBodySize,
            by: [...u.by, by],
          });
        }
      })().catch(() => {}),
    );
  });
  try {
    const first = await timeToFirstEntity(context, baseUrl, note);
    // The second load comes once the service worker is active, i.e. its precache is complete, so
    // that it serves the second load (recorded as warm_controlled_by_service_worker).
    await withTimeout(
      first.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.active?.state;
      }),
      180_000,
      'service worker activation',
    );
    await Promise.all(pending.splice(0));
    await first.page.close();
    phase = 'warm';
    const second = await timeToFirstEntity(context, baseUrl, note);
    const controlled = await second.page.evaluate(() => navigator.serviceWorker.controller !== null);
    await second.page.close();
    await Promise.all(pending.splice(0));
    return {
      empty_ms: first.ms,
      warm_ms: second.ms,
      first_visit_network_bytes: bytes.empty,
      warm_network_bytes: bytes.warm,
      warm_controlled_by_service_worker: controlled,
      empty_stages: first.stages,
      warm_stages: second.stages,
      first_visit_requests: requests,
      fetched_urls: [...urls.keys()].sort(),
      fetched_more_than_once: [...urls]
        .filter(([, u]) => u.count > 1)
        .map(([url, u]) => ({ url, times: u.count, bytes: u.bytes, by: u.by }))
        .sort((a, b) => b.bytes - a.bytes),
    };
  } finally {
    await profile.close();
  }
}
