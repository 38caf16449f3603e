// Drafts of the single-text views: off by default (nothing typed is stored anywhere the app
// stores data), kept sealed and restored after a reload once turned on, deleted when turned off
// and by Wipe all local data.
import type { Page } from '@playwright/test';
import { expect, openView, test } from './fixtures.ts';
import { localDataHolding } from './local-data.ts';

/** A debounced save would have happened by now (it waits 0.4 s after the last key). */
const SAVE_WINDOW_MS = 1500;

async function typeInto(page: Page, view: 'classify' | 'entities', text: string) {
  await openView(page, view);
  await page.getByTestId(`${view}-input`).fill(text);
}

async function setDrafts(page: Page, on: boolean) {
  await openView(page, 'settings');
  await page.getByTestId('keep-drafts').setChecked(on);
}

test('drafts are stored only when turned on, only as ciphertext, and are gone once turned off', async ({ page }) => {
  test.setTimeout(180_000);
  const marker = `ZQXDRAFT${Date.now().toString(36)}`;
  const classifyText = `Patient ${marker} has chest pain.`;
  const entitiesText = `${marker} was given aspirin.`;
  await page.goto('./');

  // Off by default: typed text is not stored, and a reload forgets it.
  await openView(page, 'settings');
  await expect(page.getByTestId('keep-drafts')).not.toBeChecked();
  await typeInto(page, 'classify', classifyText);
  await page.waitForTimeout(SAVE_WINDOW_MS);
  const off = await localDataHolding(page, marker);
  expect(off.found).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('classify-input')).toHaveValue('');

  await setDrafts(page, true);
  await typeInto(page, 'classify', classifyText);
  await expect(page.getByTestId('classify-input-draft')).toContainText('Draft kept on this device');
  await typeInto(page, 'entities', entitiesText);
  await expect(page.getByTestId('entities-input-draft')).toContainText('Draft kept on this device');
  const on = await localDataHolding(page, marker);
  expect(on.found, 'stored drafts are ciphertext').toEqual([]);
  expect(on.records).toBeGreaterThanOrEqual(2);

  await page.reload();
  await openView(page, 'classify');
  await expect(page.getByTestId('classify-input')).toHaveValue(classifyText);
  await openView(page, 'entities');
  await expect(page.getByTestId('entities-input')).toHaveValue(entitiesText);

  await setDrafts(page, false);
  await page.reload();
  await expect(page.getByTestId('classify-input')).toHaveValue('');
  await expect(page.getByTestId('entities-input')).toHaveValue('');
  await openView(page, 'settings');
  await expect(page.getByTestId('keep-drafts')).not.toBeChecked();
});

test('Wipe all local data deletes the drafts', async ({ page }) => {
  test.setTimeout(120_000);
  const text = `ZQXWIPEDRAFT${Date.now().toString(36)} denies fever.`;
  await page.goto('./');
  await setDrafts(page, true);
  await typeInto(page, 'classify', text);
  await expect(page.getByTestId('classify-input-draft')).toContainText('Draft kept on this device');
  await page.reload();
  await expect(page.getByTestId('classify-input')).toHaveValue(text);

  await openView(page, 'collections');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('wipe-all').click();
  await expect(page.getByTestId('wipe-done')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('classify-input')).toHaveValue('');
});
