// Classify a whole note in Debian Chromium (WASM): with the model on "Automatic", a note gets the
// whole-note model and the ADE model read sentence by sentence, whose deciding sentence, deep in
// the note, is listed and highlighted at its own offsets.
import { expect, openView, test } from './fixtures.ts';

const RASH = 'The next morning she developed a diffuse itchy rash over the trunk after the first doses of amoxicillin.';
const NOTE = [
  'DISCHARGE SUMMARY\n\nAdmission diagnosis: Community-acquired pneumonia.',
  'HISTORY: 58-year-old woman with hypertension and hypothyroidism who presented with three days of productive cough, fever and right-sided pleuritic chest pain. Chest x-ray showed a right lower lobe consolidation.',
  'HOSPITAL COURSE: She was treated with intravenous ceftriaxone and azithromycin. Blood cultures stayed negative and her oxygen was weaned to room air by day 2.',
  `On day 3 she was switched to oral amoxicillin. ${RASH} Amoxicillin was stopped and the rash faded with cetirizine.`,
  'DISCHARGE MEDICATIONS: Doxycycline 100 mg twice daily for 4 days, levothyroxine 75 mcg daily.\n\nFOLLOW-UP: Primary care in one week.',
].join('\n\n');

test('Classify a note finds the ADE sentence in its fourth paragraph, names the models and what they read', async ({
  page,
}) => {
  await page.goto('./');
  await openView(page, 'classify');
  await expect(page.getByTestId('classify-model')).toHaveValue('');
  await page.getByTestId('classify-input').fill(NOTE);
  await page.getByTestId('classify-run').click();

  const ade = page.locator('[data-testid="classify-result"][data-model="ade"]');
  await expect(ade).toBeVisible();
  await expect(ade.getByRole('heading', { level: 3 })).toContainText('ade');
  await expect(ade.getByTestId('classify-reads')).toContainText('sentences on its own (up to 128 sub-words each)');
  await expect(ade.locator('[data-testid="label-row"][data-selected="true"]')).toHaveAttribute('data-label', 'ADE');

  const row = ade.getByTestId('evidence-row').filter({ hasText: 'itchy rash' });
  await expect(row).toHaveCount(1);
  const start = Number(await row.getAttribute('data-start'));
  expect(start).toBe(NOTE.indexOf(RASH));
  const mark = ade.locator(`[data-testid="evidence-highlight"][data-start="${start}"]`);
  await expect(mark).toHaveText(RASH);

  const specialty = page.locator('[data-testid="classify-result"][data-model="note-specialty"]');
  await expect(specialty.getByTestId('classify-reads')).toContainText('up to its first 2,048 sub-words');
  await expect(specialty.getByTestId('label-row').first()).toBeVisible();
});

test('Classify a single sentence runs the ADE model only', async ({ page }) => {
  await page.goto('./');
  await openView(page, 'classify');
  await page.getByTestId('classify-input').fill(RASH);
  await page.getByTestId('classify-run').click();
  const results = page.getByTestId('classify-result');
  await expect(results.first()).toBeVisible();
  await expect(results).toHaveCount(1);
  await expect(results).toHaveAttribute('data-model', 'ade');
});
