// A long note in the real app (index.html), as a user meets it: paste ~200 KB (or 2 MB) into Find
// entities, press Run, wait until the table's last row is on screen (scrolled to), then type in the note.
// Long tasks are counted with a PerformanceObserver installed before the app's own scripts run; the
// page's JS heap is sampled through the DevTools protocol while the run goes on.
import type { CDPSession } from '@playwright/test';
import { installLongTaskProbe, longTasksBetween } from './longtask-probe.ts';
import { openProfile, withTimeout } from './browser.ts';
import { percentile, round } from './stats.ts';

export interface LongNoteResult {
  chars: number;
  entities: number;
  /** Run pressed → the last table row rendered (the table scrolled to its end once the result was final). */
  ms: number;
  longtasks_over_50ms: number | null;
  longtasks_over_200ms: number | null;
  longtask_max_ms: number | null;
  /** The page's largest JS heap (used bytes, main thread; the worker has its own) from Run to the last row, MiB. */
  heap_max_mb: number | null;
  /** Keydown → the next frame after it, per keystroke typed into the note while the result is shown. */
  keystroke_ms: number[];
  keystroke_p95_ms: number | null;
  /** Long tasks while typing. */
  keystroke_longtasks_over_50ms: number | null;
}

type Probe = { __keys?: number[] };

/** Runs in the page before the app: records every keystroke's time to next frame. */
function installKeystrokeProbe() {
  const w = globalThis as unknown as Probe;
  w.__keys = [];
  addEventListener(
    'keydown',
    (ev) => {
      const t0 = ev.timeStamp;
      // The frame after the keystroke's handlers (and the re-render they cause) is painted.
      requestAnimationFrame(() => setTimeout(() => w.__keys!.push(performance.now() - t0), 0));
    },
    { capture: true },
  );
}

/** Presses Run in the page and resolves with the time from the click to the last row rendered. */
function runToLastRow(): Promise<{ ms: number; entities: number; t0: number }> {
  const doc = document;
  const t0 = performance.now();
  (doc.querySelector('[data-testid="entities-run"]') as HTMLButtonElement).click();
  return new Promise((resolve) => {
    const check = () => {
      const section = doc.querySelector('[data-testid="entities-result"]');
      // Streaming views mark the section busy until the result is final.
      if (!section || section.getAttribute('aria-busy') === 'true') return requestAnimationFrame(check);
      const total = Number(/(\d[\d,]*)\s+entit/.exec(section.textContent ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
      const wrap = section.querySelector('[data-testid="entity-table"]') ?? section.querySelector('.table-wrap');
      if (wrap) wrap.scrollTop = wrap.scrollHeight;
      const rows = section.querySelectorAll('[data-testid="entity-row"]');
      const last = rows[rows.length - 1];
      // Virtual tables number their rows (aria-rowindex, the header is row 1); plain ones render them all.
      const index = last?.hasAttribute('aria-rowindex') ? Number(last.getAttribute('aria-rowindex')) - 1 : rows.length;
      if (Number.isFinite(total) && (total === 0 || index === total)) {
        resolve({ ms: performance.now() - t0, entities: total, t0 });
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Samples the page's used JS heap every `everyMs` until `stop()`, which resolves with the largest, in MiB. */
function sampleHeap(cdp: CDPSession, everyMs = 100): { stop(): Promise<number | null> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      max = Math.max(max, usedSize);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })().catch(() => (max = NaN));
  return {
    async stop() {
      running = false;
      await loop;
      return Number.isFinite(max) && max > 0 ? round(max / 2 ** 20, 1) : null;
    },
  };
}

/**
 * The whole measurement in a fresh Chromium profile; `keystrokes` characters are typed at the note's
 * end (none: no typing, the keystroke figures are null).
 */
export async function longNoteInApp(
  webgpu: boolean,
  baseUrl: string,
  note: string,
  warmNote: string,
  keystrokes = 30,
): Promise<LongNoteResult> {
  const profile = await openProfile(webgpu);
  try {
    const page = await profile.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    // tsx (esbuild, keepNames) wraps named inner functions in __name(); the page has no such helper.
    await page.addInitScript('globalThis.__name ??= (f) => f;');
    await page.addInitScript(installLongTaskProbe);
    await page.addInitScript(installKeystrokeProbe);
    await page.goto(baseUrl);
    await page.getByTestId('tab-entities').click({ timeout: 60_000 });
    const input = page.getByTestId('entities-input');
    // A short run first: the model is loaded and warm, so the figure is the long note's own.
    await input.fill(warmNote);
    await page.getByTestId('entities-run').click();
    await page
      .getByTestId('entities-result')
      .getByTestId('entity')
      .first()
      .waitFor({ timeout: 180_000 })
      .catch(async (err: Error) => {
        const shown = await page
          .locator('main')
          .innerText()
          .catch(() => '');
        throw new Error(
          `warm-up run showed no entity: ${err.message.split('\n')[0]}; page: ${shown.slice(0, 400)}; errors: ${errors.join(' | ')}`,
        );
      });
    await input.fill(note);
    const heap = sampleHeap(await profile.context.newCDPSession(page));
    const run = await withTimeout(page.evaluate(runToLastRow), 600_000, 'long note run');
    const done = await page.evaluate(() => performance.now());
    const heapMaxMb = await heap.stop();
    const during = await longTasksBetween(page, run.t0, done);
    const measured = {
      chars: note.length,
      entities: run.entities,
      ms: round(run.ms, 0)!,
      longtasks_over_50ms: during ? during.length : null,
      longtasks_over_200ms: during ? during.filter((t) => t.duration > 200).length : null,
      longtask_max_ms: during
        ? round(
            during.reduce((m, t) => Math.max(m, t.duration), 0),
            0,
          )
        : null,
      heap_max_mb: heapMaxMb,
    };
    if (keystrokes === 0)
      return { ...measured, keystroke_ms: [], keystroke_p95_ms: null, keystroke_longtasks_over_50ms: null };

    await input.focus();
    await page.keyboard.press('Control+End');
    const typeFrom = await page.evaluate(() => {
      (globalThis as unknown as Probe).__keys = [];
      return performance.now();
    });
    for (let i = 0; i < keystrokes; i++) {
      await page.keyboard.press(i % 6 === 5 ? 'Space' : 'a');
      await page.waitForFunction((n) => ((globalThis as unknown as Probe).__keys?.length ?? 0) > n, i);
    }
    const keys = await page.evaluate(() => (globalThis as unknown as Probe).__keys ?? []);
    const typing = await longTasksBetween(page, typeFrom, await page.evaluate(() => performance.now()));
    return {
      ...measured,
      keystroke_ms: keys.map((k) => round(k, 1)!),
      keystroke_p95_ms: round(percentile(keys, 95), 1),
      keystroke_longtasks_over_50ms: typing ? typing.length : null,
    };
  } finally {
    await profile.close();
  }
}
