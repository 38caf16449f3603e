// The Sections tab, added through the task registry: a rules-only task run through the engine's run().
import { expect, openView, test } from './fixtures.ts';

const NOTE = [
  'CHIEF COMPLAINT: Shortness of breath.',
  'HISTORY OF PRESENT ILLNESS: 71-year-old man with two days of worsening dyspnea.',
  'MEDICATIONS: Furosemide 40 mg daily, lisinopril 10 mg daily.',
  'Hospital Course',
  'Diuresed with IV furosemide; breathing improved.',
].join('\n');

test('Sections lists each section of a note in order, with its name in words, and opens its text', async ({ page }) => {
  await page.goto('./');
  await openView(page, 'sections');
  await page.getByRole('textbox', { name: 'Clinical note' }).fill(NOTE);
  await page.getByTestId('sections-run').click();
  const items = page.getByTestId('section-item');
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText('Chief complaint');
  await expect(items.nth(1)).toContainText('History of present illness');
  await expect(items.nth(3)).toContainText('“Hospital Course”');
  await items.nth(2).locator('summary').click();
  await expect(items.nth(2)).toContainText('Furosemide 40 mg daily, lisinopril 10 mg daily.');
  // Keyboard: the next section's summary opens with Enter.
  await items.nth(3).locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(items.nth(3)).toContainText('breathing improved');
});
