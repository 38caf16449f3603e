// Collections end to end: a CSV of MTSamples notes imported, a batch job (classification +
// entities) run once straight through and once with its worker killed and the page reloaded in the
// middle, whose exports must be equal row for row; the wipe leaves no patient text in IndexedDB,
// Cache Storage or localStorage (and stored records are ciphertext before it); a Windows-1252 file
// is decoded; a bad file is named with its reason.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Download, Page, Worker } from '@playwright/test';
import { mtsamplesCsv } from '../../bench/speed/collections-csv.ts';
import { expect, test } from './fixtures.ts';
import { localDataHolding } from './local-data.ts';

const DATA = process.env.MEDTEXT_DATA ?? path.resolve('../shared/data');
const MTSAMPLES = path.join(DATA, 'tc/mtsamples/test.tsv');
/** Notes per job: 10 saved chunks of 8, so that a pool of workers (~9 notes/s on 2 cores) is still mid-job when killed and reloaded. */
const NOTES = Number(process.env.COLLECTIONS_E2E_NOTES ?? 80);
/** The longest one job may take: 3 s a note covers a loaded 2-core machine (about 1.5 s a note measured). */
const JOB_TIMEOUT_MS = Math.max(600_000, NOTES * 3_000);

async function openCollections(page: Page) {
  await page.getByTestId('tab-collections').click();
}

async function importFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.getByTestId('collection-files').setInputFiles(files);
  await expect(page.getByTestId('import-plan')).toBeVisible();
}

async function jobState(page: Page) {
  const job = page.getByTestId('job');
  return { status: await job.getAttribute('data-status'), done: Number(await job.getAttribute('data-done')) };
}

async function waitForDone(page: Page, atLeast: number) {
  await expect
    .poll(async () => (await jobState(page)).done, { timeout: JOB_TIMEOUT_MS, intervals: [250] })
    .toBeGreaterThanOrEqual(atLeast);
}

/** Engine workers the page starts from now on: a job's pooled workers (the single-text views' worker is older). */
function engineWorkersStarted(page: Page): Worker[] {
  const started: Worker[] = [];
  page.on('worker', (w) => {
    if (/engine\.worker/.test(w.url())) started.push(w);
  });
  return started;
}

async function downloaded(page: Page, testId: string): Promise<string> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

test.skip(() => {
  try {
    readFileSync(MTSAMPLES);
    return false;
  } catch {
    return true;
  }
}, `needs ${MTSAMPLES}`);

test('a job killed and reloaded mid-run exports the same rows as an uninterrupted one', async ({ page }) => {
  test.setTimeout(Math.max(900_000, 2 * JOB_TIMEOUT_MS));
  await page.goto('./#collections');
  await importFiles(page, [{ name: 'mtsamples.csv', mimeType: 'text/csv', buffer: mtsamplesCsv(MTSAMPLES, NOTES) }]);
  await expect(page.getByTestId('text-column')).toHaveValue('text');
  await expect(page.getByTestId('id-column')).toHaveValue('note_id');
  await expect(page.getByTestId('import-counts')).toContainText(`${NOTES} notes to import`);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('collection-count').first()).toHaveText(`${NOTES} notes`);

  // Uninterrupted run.
  await page.getByTestId('job-start').click();
  await waitForDone(page, NOTES);
  await expect(page.getByTestId('job')).toHaveAttribute('data-status', 'done');
  const straightCsv = await downloaded(page, 'export-csv');
  const straightJsonl = await downloaded(page, 'export-jsonl');

  // Interrupted run: one of the job's pooled workers is closed from inside (no error event: the
  // client's heartbeat notices; its chunk re-runs on a fresh worker), then the page is reloaded
  // while the job is running.
  const pooled = engineWorkersStarted(page);
  await page.getByTestId('job-start').click();
  await waitForDone(page, 8);
  const shown = Number(/^(\d+) workers?$/.exec((await page.getByTestId('job-workers').textContent()) ?? '')?.[1]);
  expect(pooled.length, 'the job started as many workers as its panel shows').toBe(shown);
  await pooled[0].evaluate(() => self.close());
  const afterKill = (await jobState(page)).done;
  expect(afterKill).toBeLessThan(NOTES);
  await waitForDone(page, Math.min(afterKill + 8, NOTES - 8));
  const beforeReload = await jobState(page);
  expect(beforeReload.status).toBe('running');
  await page.reload();
  await openCollections(page);
  // It resumes by itself, with the results saved before the reload.
  await expect(page.getByTestId('job')).toHaveAttribute('data-status', /running|done/);
  expect((await jobState(page)).done).toBeGreaterThanOrEqual(beforeReload.done);
  await waitForDone(page, NOTES);
  await expect(page.getByTestId('job')).toHaveAttribute('data-status', 'done');
  const resumedCsv = await downloaded(page, 'export-csv');
  const resumedJsonl = await downloaded(page, 'export-jsonl');

  const lines = (s: string) => s.trim().split('\n');
  expect(lines(straightJsonl)).toHaveLength(NOTES);
  expect(lines(resumedJsonl)).toEqual(lines(straightJsonl));
  expect(resumedCsv).toEqual(straightCsv);
  // The rows are real results: MTSamples notes are classified and hold entities with offsets.
  const first = JSON.parse(lines(straightJsonl)[0]);
  expect(first.id).toBe('mts-0001');
  expect(first.specialty.length).toBeGreaterThan(0);
  expect(first.entities.length).toBeGreaterThan(0);
  expect(Papa.parse(straightCsv, { header: true }).data).toHaveLength(NOTES);
});

test('stored notes are ciphertext, and the wipe leaves no patient text anywhere', async ({ page }) => {
  test.setTimeout(300_000);
  const marker = `ZQXWIPE${Date.now().toString(36)}`;
  await page.goto('./#collections');
  const notes = [
    `Patient ${marker} was started on cisplatin and developed nephrotoxicity.`,
    `${marker} denies chest pain.`,
  ];
  await importFiles(
    page,
    notes.map((text, i) => ({ name: `${marker}-${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) })),
  );
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('job-task-classify').uncheck();
  await page.getByTestId('job-start').click();
  await expect(page.getByTestId('job')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  // Readable in the app (decrypted), stored only as ciphertext.
  await page.getByTestId('note-row').first().click();
  await expect(page.getByTestId('note-detail')).toContainText(marker);
  const before = await localDataHolding(page, marker);
  expect(before.records, 'records were stored').toBeGreaterThanOrEqual(notes.length * 2 + 2);
  expect(before.found).toEqual([]);
  // A plain localStorage entry is wiped too (any view's saved text would be).
  await page.evaluate((m) => localStorage.setItem('medtext.draft', m), marker);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('wipe-all').click();
  await expect(page.getByTestId('wipe-done')).toBeVisible();
  await expect(page.getByTestId('collections')).toHaveCount(0);
  const after = await localDataHolding(page, marker);
  expect(after.found).toEqual([]);
  expect(after.records).toBe(0);
  await page.reload();
  await openCollections(page);
  await expect(page.getByTestId('collections')).toHaveCount(0);
});

test('a Windows-1252 file is decoded and a bad file is named with its reason', async ({ page }) => {
  await page.goto('./#collections');
  // "Température 39,2 °C, naïve" in Windows-1252: é, °, ï are single bytes, invalid as UTF-8.
  const cp1252 = Buffer.from([
    ...Buffer.from('Fi'),
    0xe8,
    ...Buffer.from('vre: Temp'),
    0xe9,
    ...Buffer.from('rature 39,2 '),
    0xb0,
    ...Buffer.from('C, na'),
    0xef,
    ...Buffer.from('ve patient.'),
  ]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await importFiles(page, [
    { name: 'fievre.txt', mimeType: 'text/plain', buffer: cp1252 },
    { name: 'scan.txt', mimeType: 'text/plain', buffer: png },
    { name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
  ]);
  await expect(page.getByTestId('import-counts')).toContainText('1 notes to import');
  const skipped = page.getByTestId('import-skipped');
  await expect(skipped).toContainText('scan.txt: not plain text');
  await expect(skipped).toContainText('letter.pdf: not a .txt file');
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('note-row').first().click();
  await expect(page.getByTestId('note-detail')).toContainText('Fièvre: Température 39,2 °C, naïve patient.');
});

test('search by meaning finds a sentence and opens its note there', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./#collections');
  const notes = [
    'Follow-up visit. Blood pressure is well controlled on lisinopril. Continue the current dose.',
    'Emergency visit. The patient reports being short of breath when climbing stairs. Chest X-ray ordered.',
    'Dermatology consult. A pruritic rash on both forearms for one week. Started topical steroid.',
  ];
  await importFiles(
    page,
    notes.map((text, i) => ({ name: `visit-${i + 1}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) })),
  );
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('search-build').click();
  await expect(page.getByTestId('search-info')).toContainText('sentences indexed', { timeout: 240_000 });
  await page.getByTestId('search-query').fill('dyspnea on exertion');
  await page.getByTestId('search-run').click();
  const first = page.getByTestId('search-hit').first();
  await expect(first).toContainText('visit-2.txt');
  await expect(first).toContainText('short of breath when climbing stairs');
  await first.click();
  await expect(page.getByTestId('note-mark')).toHaveText(
    'The patient reports being short of breath when climbing stairs.',
  );
  await expect(page.getByTestId('note-mark')).toBeInViewport();
});

test('a picked folder imports its .txt files with their paths, skipping the rest', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medtext-folder-'));
  const folder = path.join(dir, 'clinic-notes');
  mkdirSync(path.join(folder, 'march'), { recursive: true });
  writeFileSync(path.join(folder, 'a.txt'), 'Cough for two weeks.');
  writeFileSync(path.join(folder, 'march', 'b.txt'), 'Rash on both forearms.');
  writeFileSync(path.join(folder, 'march', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  try {
    await page.goto('./#collections');
    await page.getByTestId('collection-folder').setInputFiles(folder);
    await expect(page.getByTestId('import-counts')).toContainText('2 notes to import from “clinic-notes”, 1 skipped');
    await expect(page.getByTestId('import-skipped')).toContainText('clinic-notes/march/photo.jpg: not a .txt file');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('note-row')).toHaveCount(2);
    await expect(page.getByTestId('note-list')).toContainText('clinic-notes/march/b.txt');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a job pauses, resumes to the end, and a cancelled one stays cancelled', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('./#collections');
  await importFiles(page, [{ name: 'mts.csv', mimeType: 'text/csv', buffer: mtsamplesCsv(MTSAMPLES, 24) }]);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('job-task-classify').uncheck();
  await page.getByTestId('job-start').click();
  await waitForDone(page, 8);
  await page.getByTestId('job-pause').click();
  await expect(page.getByTestId('job')).toHaveAttribute('data-status', 'paused');
  const paused = (await jobState(page)).done;
  expect(paused).toBeLessThan(24);
  await expect(page.getByTestId('job-summary')).toContainText(`Paused: ${paused} of 24 notes`);
  await page.getByTestId('job-resume').click();
  await expect(page.getByTestId('job')).toHaveAttribute('data-status', 'done', { timeout: 300_000 });
  await expect(page.getByTestId('note-row').first()).toHaveAttribute('data-done', 'true');
  await page.screenshot({ path: test.info().outputPath('collections.png'), fullPage: true });

  await page.getByTestId('job-start').click();
  await expect(page.getByTestId('job-cancel')).toBeVisible();
  await page.getByTestId('job-cancel').click();
  await expect(page.getByTestId('job')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('job-resume')).toHaveCount(0);
});
