// Typed patient text must not reach the browser profile on disk. Chromium saves a page's form
// state (for session restore) in the profile's Sessions/ and Tabs_* files unless a control opts
// out; this types a unique marker into every text field, closes the browser and greps the profile.
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_ORIGIN, expect, openView, test } from './fixtures.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Profile files holding `marker` as UTF-8 or UTF-16LE (how Chromium pickles form state). */
function filesContaining(dir: string, marker: string): string[] {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  return filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

test('typed notes leave no trace in the browser profile', async ({ browserName, watch }, testInfo) => {
  test.skip(browserName !== 'chromium', 'Chromium profile layout');
  const profile = mkdtempSync(path.join(tmpdir(), 'medtext-profile-'));
  const marker = `ZQXMARKER${Date.now().toString(36)}${testInfo.workerIndex}`;
  const launch = testInfo.project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(profile, { ...launch, baseURL: `${APP_ORIGIN}/` });
  await watch(context);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./');
    const fields: [Parameters<typeof openView>[1], string][] = [
      ['entities', 'entities-input'],
      ['classify', 'classify-input'],
      ['deid', 'deid-input'],
      ['similarity', 'similarity-source'],
      ['similarity', 'similarity-candidates'],
    ];
    for (const [view, testid] of fields) {
      await openView(page, view);
      await page.getByTestId(testid).pressSequentially(`Patient ${marker} seen today.`);
    }
    await openView(page, 'deid');
    await page.getByText('Your own lists (optional)').click();
    for (const testid of ['deid-also', 'deid-never']) await page.getByTestId(testid).fill(`${marker} list`);
    // Session state is written on navigation and on a timer: navigate away and back, then wait for it.
    await page.goto('./#settings');
    await page.reload();
    await page.waitForTimeout(3000);
  } finally {
    await context.close();
  }
  try {
    expect(filesContaining(profile, marker), 'profile files holding the typed marker').toEqual([]);
    // The check can fail: the profile did record this session (the app's URL is in it).
    expect(filesContaining(profile, 'localhost:4173').length, 'profile recorded the visit').toBeGreaterThan(0);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
