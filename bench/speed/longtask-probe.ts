// Main-thread long tasks of an app page under Playwright: a probe installed before the app loads
// (page.addInitScript) and the tasks that started in a time range, shared by the bench's app drivers.
import type { Page } from '@playwright/test';

export interface LongTask {
  start: number;
  duration: number;
}

type Probe = { __longTasks?: LongTask[] };

/** Runs in the page (serialised by addInitScript, so it imports nothing): records every long task. */
export function installLongTaskProbe(): void {
  const w = globalThis as unknown as Probe;
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks!.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    w.__longTasks = undefined;
  }
}

/** Long tasks that started in [since, until) (page clock), or null where the browser cannot observe them. */
export function longTasksBetween(page: Page, since: number, until: number): Promise<LongTask[] | null> {
  return page.evaluate(
    ([a, b]) => (globalThis as unknown as Probe).__longTasks?.filter((t) => t.start >= a && t.start < b) ?? null,
    [since, until] as const,
  );
}
