// De-identify view, review step: keep a replacement, redact missed text, undo, download the list;
// the keep and one redaction by keyboard only. Also the language notice on a German note.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Locator, Page } from '@playwright/test';
import { expect, openView, test } from './fixtures.ts';

const NOTE =
  'Seen by Dr. Alice Morgan on 03/14/2021. Call the patient at (617) 555-0199 or write to jane.doe@example.org.\n' +
  'MRN 00482913. Bed by the window';

/** Presses Tab (or Shift+Tab) until `target` has the focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${key} never reached the target`);
}

/** Selects the first occurrence of `text` in the element's text with the DOM selection API (a mouse drag). */
async function selectText(target: Locator, text: string) {
  await target.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`${wanted} not found`);
  }, text);
}

async function runDeid(page: Page, mode: 'tags' | 'surrogates' = 'tags') {
  await page.goto('./');
  await openView(page, 'deid');
  await page.getByTestId('deid-input').fill(NOTE);
  if (mode === 'surrogates') await page.getByLabel('realistic substitutes').check();
  await page.getByTestId('deid-run').click();
  const output = page.getByTestId('deid-output');
  await expect(output.getByTestId('deid-replacement').first()).toBeVisible();
  return output;
}

test('review: keep a replacement and redact missed text, by keyboard; undo; download the list', async ({ page }) => {
  const output = await runDeid(page);
  await expect(output).toContainText('[PHONE]');
  await expect(output).toContainText('Bed by the window');
  const announcement = page.getByTestId('deid-announcement');

  // Keyboard only: Tab to the phone number's replacement, Enter keeps the original there.
  const phone = output.getByRole('button', { name: /PHONE replaced/ });
  await tabTo(page, phone);
  await page.keyboard.press('Enter');
  await expect(output).toContainText('Call the patient at (617) 555-0199 or');
  await expect(announcement).toContainText('Kept “(617) 555-0199”');
  // Focus stays in the result (on the next replacement), not lost to the page.
  expect(await output.evaluate((el) => el.contains(document.activeElement))).toBe(true);

  // Keyboard only: back to the original text box, select the last word with Shift+arrows, Delete.
  const original = page.getByTestId('deid-original');
  await tabTo(page, original, 'Shift+Tab');
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 'window'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByTestId('deid-selected')).toContainText('Selected: “window”');
  await page.keyboard.press('Delete');
  await expect(output).toContainText('Bed by the [NAME]');
  await expect(announcement).toContainText('Redacted “window” as NAME');

  // Mouse: select a word in the de-identified note, choose a type, press Redact selection; then undo it.
  await page.getByTestId('deid-add-type').selectOption('LOCATION');
  await selectText(output, 'patient');
  await page.getByTestId('deid-redact-selection').click();
  await expect(output).toContainText('Call the [LOCATION] at (617)');
  const edits = page.getByTestId('deid-edit');
  await expect(edits).toHaveCount(3);
  await edits.filter({ hasText: 'patient' }).getByRole('button', { name: /Undo/ }).click();
  await expect(output).toContainText('Call the patient at (617)');
  await expect(edits).toHaveCount(2);

  // The list of replacements, on screen and downloaded: the kept phone is absent, the added word present.
  const table = page.getByTestId('deid-replacements');
  await expect(table).toContainText('window');
  await expect(table).not.toContainText('555-0199');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('deid-download-list').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^deid-replacements-.*\.csv$/);
  const rows = Papa.parse<string[]>(readFileSync(await download.path(), 'utf8').trim()).data;
  expect(rows[0]).toEqual(['type', 'original', 'replacement', 'start', 'end']);
  const listed = rows.slice(1).map(([type, originalText, replacement]) => ({ type, originalText, replacement }));
  expect(listed).toContainEqual({ type: 'NAME', originalText: 'window', replacement: '[NAME]' });
  expect(listed).toContainEqual({ type: 'EMAIL', originalText: 'jane.doe@example.org', replacement: '[EMAIL]' });
  expect(listed.some((r) => r.originalText.includes('555-0199'))).toBe(false);
  for (const r of listed) expect(NOTE).toContain(r.originalText);

  // Download text gives the reviewed text, as shown.
  const textDownload = page.waitForEvent('download');
  await page.getByTestId('deid-download-text').click();
  expect(readFileSync(await (await textDownload).path(), 'utf8')).toBe(await output.textContent());
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT, fullPage: true });
});

test('review in surrogate mode: other surrogates stay the same when a replacement is kept', async ({ page }) => {
  const output = await runDeid(page, 'surrogates');
  const surrogates = () =>
    output
      .getByTestId('deid-replacement')
      .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-type')}:${el.textContent}`));
  const before = await surrogates();
  const email = output.getByRole('button', { name: /EMAIL replaced/ });
  const emailSurrogate = `EMAIL:${await email.textContent()}`;
  await email.click();
  await expect(output).toContainText('jane.doe@example.org');
  expect(await surrogates()).toEqual(before.filter((s) => s !== emailSurrogate));
});

test('a German note gets a language notice; an English one does not', async ({ page }) => {
  await page.goto('./');
  await openView(page, 'deid');
  const input = page.getByTestId('deid-input');
  await input.fill(NOTE);
  await page.waitForTimeout(600); // the notice waits for typing to settle
  await expect(page.getByTestId('language-notice')).toHaveCount(0);
  await input.fill(
    'Anamnese: Die Patientin berichtet über seit drei Tagen bestehende Bauchschmerzen, Übelkeit und Erbrechen. ' +
      'Kein Fieber. Vorerkrankungen: arterielle Hypertonie, Diabetes mellitus Typ 2. Wir bitten um Kontrolle.',
  );
  await expect(page.getByTestId('language-notice')).toHaveText(
    'This text looks like German; names and places may be missed or over-redacted.',
  );
  await openView(page, 'entities');
  await page
    .getByTestId('entities-input')
    .fill('Der Patient wurde bei Verdacht auf eine Lungenentzündung stationär aufgenommen und antibiotisch behandelt.');
  await expect(page.getByTestId('language-notice')).toContainText('This text looks like German');
});
