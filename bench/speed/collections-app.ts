// A batch job in the real app (index.html), as a user runs one: a CSV of MTSamples notes imported
// into Collections, a job (classification + entities) started and timed until every note's result
// is saved. Reports notes/s (model loading included), the workers the job ran on (the app sizes its
// pool to the device; `workers` fixes it, e.g. 1 to compare with one worker), main-thread long tasks
// during the job, and the stored ciphertext per note (the note and its results, as sealed in IndexedDB).
import type { Page } from '@playwright/test';
import { POOL_SIZE_KEY } from '../../src/client/engine-pool.ts';
import { installLongTaskProbe, longTasksBetween } from './longtask-probe.ts';
import { openProfile, withTimeout } from './browser.ts';
import { rendererPeakBytes } from './procmem.ts';
import { mtsamplesCsv } from './collections-csv.ts';
import { round } from './stats.ts';

export interface CollectionsBench {
  notes: number;
  tasks: string[];
  ms: number;
  batch_notes_per_s: number;
  /** Engine workers the job ran on (the JobPanel's count). */
  pool_workers: number;
  /** Peak resident memory of the page's renderer (its workers included), Linux only. */
  renderer_peak_rss_bytes: number | null;
  longtasks_over_50ms: number | null;
  longtask_max_ms: number | null;
  /** Bytes of AES-GCM records (IV + ciphertext) in IndexedDB per note: the note plus its results. */
  collection_bytes_per_note: number;
  /** Matching a query against 10,000 sentence vectors (collections-search.ts), median ms. */
  search_10k_p50_ms?: number;
}

/** Sum of the sealed records' bytes in the collections database. */
function storedBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('medtext-collections');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let bytes = 0;
    for (const store of ['notes', 'results']) {
      const all = await new Promise<{ iv: Uint8Array; data: ArrayBuffer }[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
      });
      for (const r of all) bytes += r.iv.byteLength + r.data.byteLength;
    }
    db.close();
    return bytes;
  });
}

export async function collectionJobInApp(
  baseUrl: string,
  notesTsv: string,
  notes: number,
  opts: { workers?: number } = {},
): Promise<CollectionsBench> {
  const profile = await openProfile(false);
  try {
    const page = await profile.context.newPage();
    // tsx (esbuild, keepNames) wraps named inner functions in __name(); the page has no such helper.
    await page.addInitScript('globalThis.__name ??= (f) => f;');
    await page.addInitScript(installLongTaskProbe);
    if (opts.workers) {
      await page.addInitScript(
        ([key, value]) => localStorage.setItem(key, value),
        [POOL_SIZE_KEY, String(opts.workers)],
      );
    }
    await page.goto(`${baseUrl}#collections`);
    await page.getByTestId('collection-files').setInputFiles({
      name: 'mtsamples.csv',
      mimeType: 'text/csv',
      buffer: mtsamplesCsv(notesTsv, notes),
    });
    await page.getByTestId('import-confirm').click({ timeout: 120_000 });
    await page.getByTestId('job-start').click({ timeout: 60_000 });
    const t0 = await page.evaluate(() => performance.now());
    const workersShown = await page.getByTestId('job-workers').textContent({ timeout: 60_000 });
    await withTimeout(
      page.getByTestId('job').and(page.locator('[data-status="done"]')).waitFor({ timeout: 0 }),
      notes * 30_000 + 300_000,
      `the ${notes}-note job`,
    );
    const t1 = await page.evaluate(() => performance.now());
    const during = await longTasksBetween(page, t0, t1);
    const ms = t1 - t0;
    return {
      notes,
      tasks: ['classify', 'entities'],
      ms: round(ms, 0)!,
      batch_notes_per_s: round(notes / (ms / 1000), 2)!,
      pool_workers: Number(/\d+/.exec(workersShown ?? '')?.[0] ?? NaN),
      longtasks_over_50ms: during ? during.length : null,
      longtask_max_ms: during ? round(Math.max(0, ...during.map((t) => t.duration)), 0) : null,
      collection_bytes_per_note: Math.round((await storedBytes(page)) / notes),
      renderer_peak_rss_bytes: rendererPeakBytes(profile.dir),
    };
  } finally {
    await profile.close();
  }
}
