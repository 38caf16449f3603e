// A full disk during a batch job: IndexedDB refuses the third chunk's results (a put that throws
// QuotaExceededError, as a browser does when the site's storage is full). The job pauses instead of
// failing, says how many notes are saved in words a clinician reads, and those results are still
// there, exportable, after a reload.
import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { expect, openView, test } from './fixtures.ts';

/** Results the "disk" holds: two chunks of eight notes. */
const CAPACITY = 16;
const NOTES = 24;

test('a full disk pauses the job, says how many notes are saved, and keeps them after a reload', async ({ page }) => {
  test.setTimeout(600_000);
  await page.addInitScript((capacity) => {
    const put = IDBObjectStore.prototype.put;
    let results = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'results' && ++results > capacity) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  }, CAPACITY);
  await page.goto('./');
  await openView(page, 'collections');
  const files = Array.from({ length: NOTES }, (_, i) => ({
    name: `note-${String(i).padStart(2, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`Note ${i}: the patient was given aspirin and denies chest pain.`),
  }));
  await page.getByTestId('collection-files').setInputFiles(files);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('job-task-classify').uncheck();
  await page.getByTestId('job-start').click();

  const job = page.getByTestId('job');
  await expect(job).toHaveAttribute('data-status', 'paused', { timeout: 540_000 });
  await expect(job).toHaveAttribute('data-done', String(CAPACITY));
  await expect(page.getByTestId('job-error')).toHaveText(
    `Your browser's storage for this site is full: ${CAPACITY} notes saved; free space or export, then resume.`,
  );

  await page.reload();
  await expect(job).toHaveAttribute('data-status', 'paused');
  await expect(job).toHaveAttribute('data-done', String(CAPACITY));
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-jsonl').click(),
  ]);
  const rows = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(rows).toHaveLength(CAPACITY);
  for (const row of rows) expect(row.entities.length).toBeGreaterThan(0);
});
