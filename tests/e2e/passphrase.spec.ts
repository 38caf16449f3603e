// The passphrase lock end to end: stored notes are re-encrypted under a key that only the
// passphrase unwraps; after a reload they stay closed until it is entered (a wrong one is refused
// and loses nothing), then open intact; turning the lock off opens them with the device key again.
import type { Page } from '@playwright/test';
import { expect, openView, test } from './fixtures.ts';
import { localDataHolding } from './local-data.ts';

const PASSPHRASE = 'blue heron at dawn 42';

async function importNotes(page: Page, texts: string[]) {
  await openView(page, 'collections');
  await page
    .getByTestId('collection-files')
    .setInputFiles(
      texts.map((text, i) => ({ name: `note-${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) })),
    );
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('collection-count')).toHaveText(`${texts.length} notes`);
}

/** Opens the first note of the stored collection and checks its text is there, decrypted. */
async function expectNoteReadable(page: Page, text: string) {
  await openView(page, 'collections');
  await page.getByTestId('collection').first().click();
  await page.getByTestId('note-row').first().click();
  await expect(page.getByTestId('note-detail')).toContainText(text);
}

test('a passphrase locks local data across a reload; a wrong one is refused, the right one opens it intact', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const marker = `ZQXLOCK${Date.now().toString(36)}`;
  const note = `Patient ${marker} was started on cisplatin.`;
  await page.goto('./');
  await importNotes(page, [note, `${marker} denies chest pain.`]);

  await openView(page, 'settings');
  await expect(page.getByTestId('passphrase-state')).toContainText('Off');
  await page.getByTestId('passphrase-new').fill(PASSPHRASE);
  await page.getByTestId('passphrase-repeat').fill(PASSPHRASE);
  await page.getByTestId('passphrase-on').click();
  await expect(page.getByTestId('passphrase-done')).toContainText('now protected', { timeout: 60_000 });
  // Still readable in this session, and stored as ciphertext only, the key wrapped by the passphrase.
  await expectNoteReadable(page, note);
  expect((await localDataHolding(page, marker)).found).toEqual([]);
  const keyKind = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('medtext-collections');
        open.onsuccess = () => {
          const get = open.result.transaction('keys').objectStore('keys').get('storage-key');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result instanceof CryptoKey ? 'device key' : String(get.result?.kind));
          };
        };
      }),
  );
  expect(keyKind).toBe('passphrase');

  await page.reload();
  await expect(page.getByTestId('unlock')).toBeVisible();
  await openView(page, 'collections');
  await expect(page.getByTestId('collection')).toHaveCount(0);

  await page.getByTestId('unlock-passphrase').fill('blue heron at dusk 42');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-error')).toContainText('not the one', { timeout: 60_000 });
  await expect(page.getByTestId('unlock')).toBeVisible();
  await expect(page.getByTestId('collection')).toHaveCount(0);

  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock')).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('collection-count')).toHaveText('2 notes');
  await expectNoteReadable(page, note);

  // Off again: re-encrypted under a device key, so a reload asks for nothing and the notes are there.
  await openView(page, 'settings');
  await page.getByTestId('passphrase-off').click();
  await expect(page.getByTestId('passphrase-done')).toContainText('passphrase is off');
  await page.reload();
  await expect(page.getByTestId('collection-count')).toHaveText('2 notes');
  await expect(page.getByTestId('unlock')).toHaveCount(0);
  await expectNoteReadable(page, note);
  expect((await localDataHolding(page, marker)).found).toEqual([]);
});

test('a forgotten passphrase can only wipe local data, and says so', async ({ page }) => {
  test.setTimeout(180_000);
  const marker = `ZQXFORGOT${Date.now().toString(36)}`;
  await page.goto('./');
  await importNotes(page, [`${marker} seen in clinic.`]);
  await openView(page, 'settings');
  await page.getByTestId('passphrase-new').fill(PASSPHRASE);
  await page.getByTestId('passphrase-repeat').fill(PASSPHRASE);
  await page.getByTestId('passphrase-on').click();
  await expect(page.getByTestId('passphrase-done')).toBeVisible({ timeout: 60_000 });
  await page.reload();

  await page.getByText('Forgot your passphrase?').click();
  await expect(page.getByTestId('unlock')).toContainText('cannot be recovered');
  page.once('dialog', (dialog) => void dialog.accept());
  // The wipe reloads the page.
  await Promise.all([page.waitForEvent('load'), page.getByTestId('unlock-forgot').click()]);
  await expect(page.getByTestId('passphrase-state')).toContainText('Off');
  await expect(page.getByTestId('unlock')).toHaveCount(0);
  await openView(page, 'collections');
  await expect(page.getByTestId('collection')).toHaveCount(0);
  const after = await localDataHolding(page, marker);
  expect(after.found).toEqual([]);
});
