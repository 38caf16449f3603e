// Script and markup payloads in every input a user fills: each view's text boxes, the de-identify
// lists, a dropped file's name and text, a collection's file names. The payload must come back as
// text and never as elements: no element carries the payload's marker attribute, no handler ran,
// no dialog opened (and the suite's audit counts no CSP violation, which an inline handler would be).
import type { Page } from '@playwright/test';
import { expect, openView, test } from './fixtures.ts';

const MARK = 'data-pwn';
const PAYLOAD =
  `Patient denies chest pain; aspirin given. <img src=x ${MARK} onerror="window.__pwned=1">` +
  `<svg ${MARK} onload="window.__pwned=1"></svg><script>window.__pwned=1</script>` +
  `<a ${MARK} href="javascript:window.__pwned=1">link</a><iframe ${MARK} srcdoc="<script>parent.__pwned=1</script>"></iframe>`;
/** Candidate sentences for Compare sentences, one of them markup. */
const HOSTILE_LIST = `${PAYLOAD}\n<b ${MARK}>chest pain</b>\nbroken leg`;
/** A file name a browser accepts that is markup. */
const HOSTILE_NAME = `<img src=x ${MARK} onerror=window.__pwned=1>.txt`;

interface Input {
  what: string;
  view: Parameters<typeof openView>[1];
  fill: (page: Page) => Promise<void>;
  run: string;
  /** The result that appears once the run is done. */
  shows: string;
  /** Whether that result shows the typed text (then its markup must read as text there). */
  echoes: boolean;
}

const fillInto =
  (testId: string, text = PAYLOAD) =>
  (page: Page) =>
    page.getByTestId(testId).fill(text);

const INPUTS: Input[] = [
  {
    what: 'Classify',
    fill: fillInto('classify-input'),
    view: 'classify',
    run: 'classify-run',
    shows: 'classify-result',
    echoes: false,
  },
  {
    what: 'Find entities',
    fill: fillInto('entities-input'),
    view: 'entities',
    run: 'entities-run',
    shows: 'entities-result',
    echoes: true,
  },
  {
    what: 'Find sections',
    fill: fillInto('sections-input', `MEDICATIONS:\n${PAYLOAD}`),
    view: 'sections',
    run: 'sections-run',
    shows: 'sections-result',
    echoes: true,
  },
  {
    what: 'De-identify with both lists',
    fill: async (page) => {
      await fillInto('deid-input')(page);
      await page.locator('#panel-deid summary', { hasText: 'Your own lists' }).click();
      await fillInto('deid-also', `<b ${MARK}>Smith</b>, <img src=x ${MARK} onerror=window.__pwned=1>`)(page);
      await fillInto('deid-never', `<svg ${MARK} onload=window.__pwned=1>aspirin`)(page);
    },
    view: 'deid',
    run: 'deid-run',
    shows: 'deid-output',
    echoes: true,
  },
  {
    what: 'Compare sentences (source and list)',
    fill: async (page) => {
      await fillInto('similarity-source')(page);
      await fillInto('similarity-candidates', HOSTILE_LIST)(page);
    },
    view: 'similarity',
    run: 'similarity-run',
    shows: 'similarity-result',
    echoes: true,
  },
  {
    what: 'Compare all pairs',
    fill: fillInto('similarity-candidates', HOSTILE_LIST),
    view: 'similarity',
    run: 'matrix-run',
    shows: 'similarity-matrix',
    echoes: false,
  },
];

const dialogs: string[] = [];

async function expectInert(page: Page) {
  await expect(page.locator(`[${MARK}]`)).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
}

test.beforeEach(({ page }) => {
  dialogs.length = 0;
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

for (const input of INPUTS) {
  test(`markup typed into ${input.what} stays text`, async ({ page }) => {
    await page.goto('./');
    await openView(page, input.view);
    await input.fill(page);
    await page.getByTestId(input.run).click();
    // Classify shows one result per model that ran.
    const result = page.getByTestId(input.shows).first();
    await expect(result).toBeVisible();
    if (input.run === 'sections-run') await result.getByTestId('section-item').first().locator('summary').click();
    if (input.echoes) await expect(result).toContainText('<script>window.__pwned=1</script>');
    await expectInert(page);
  });
}

test('a dropped file whose name and text are markup stays text', async ({ page }) => {
  await page.goto('./');
  await openView(page, 'entities');
  const panel = page.locator('#panel-entities');
  await panel.getByTestId('file-input').setInputFiles({
    name: HOSTILE_NAME,
    mimeType: 'text/plain',
    buffer: Buffer.from(PAYLOAD),
  });
  await expect(page.getByTestId('entities-input')).toHaveValue(PAYLOAD);
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('entities-result')).toContainText('<script>');
  await expectInert(page);
});

test('collection files whose names and text are markup stay text', async ({ page }) => {
  await page.goto('./#collections');
  await page.getByTestId('collection-files').setInputFiles([
    { name: HOSTILE_NAME, mimeType: 'text/plain', buffer: Buffer.from(PAYLOAD) },
    { name: `"><svg ${MARK} onload=alert(1)>.txt`, mimeType: 'text/plain', buffer: Buffer.from('Aspirin 81 mg.') },
  ]);
  await expect(page.getByTestId('import-plan')).toBeVisible();
  await expectInert(page);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('collection-count').first()).toHaveText('2 notes');
  await expect(page.getByTestId('note-list')).toContainText('<img src=x');
  await expectInert(page);
});
