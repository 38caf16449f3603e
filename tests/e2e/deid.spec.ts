// De-identify view: the redacted note beside the original; identifiers never survive.
import { expect, openView, test } from './fixtures.ts';

const NOTE =
  'Seen by Dr. Alice Morgan on 03/14/2021. Call the patient at (617) 555-0199 or write to jane.doe@example.org. ' +
  'MRN 00482913. Patient lives in Springfield. Pt seen by Halvorsen this am. Bed by the window.';

test('De-identify replaces identifiers with tags and shows both texts', async ({ page }) => {
  await page.goto('./');
  await openView(page, 'deid');
  await page.getByTestId('deid-input').fill(NOTE);
  await page.getByTestId('deid-run').click();
  const output = page.getByTestId('deid-output');
  await expect(output).toBeVisible();
  const redacted = (await output.textContent()) ?? '';
  // Halvorsen: found by the PHI model with its name-list features (lexicon.json.gz loaded in the worker).
  for (const secret of ['555-0199', 'jane.doe@example.org', '03/14/2021', '00482913', 'Morgan', 'Halvorsen'])
    expect(redacted).not.toContain(secret);
  expect(redacted).toContain('[PHONE]');
  expect(redacted).toContain('[EMAIL]');
  expect(redacted).toContain('MRN [ID]. Patient');
  // One highlight per replacement: overlapping finds of the model and the patterns are merged first.
  await expect(page.getByText('overlapping')).toHaveCount(0);
  // The tool says it can miss identifiers: the reviewer, not the tool, decides the note is safe to share.
  await expect(page.getByTestId('deid-review')).toContainText('misses some identifiers');
  // The original stays intact in the input: nothing is lost.
  await expect(page.getByTestId('deid-input')).toHaveValue(NOTE);

  // The user's own lists: a term to remove wherever it is, a word to leave alone; typed via the keyboard.
  expect(redacted).toContain('window');
  await page.getByText('Your own lists').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('deid-also').fill('Window');
  await page.getByTestId('deid-never').fill('Springfield');
  await page.getByTestId('deid-run').click();
  await expect(output).not.toContainText('window');
  await expect(page.getByTestId('deid-result').getByRole('heading', { level: 3 })).toContainText('your list matched 1');
  await expect(output).toContainText('Springfield');
  await expect(output).not.toContainText('Halvorsen');
  // A list longer than the limit says that only its first terms are used.
  await expect(page.getByTestId('deid-list-limit')).toHaveCount(0);
  await page.getByTestId('deid-also').fill(Array.from({ length: 201 }, (_, i) => `term${i}`).join(', '));
  await expect(page.getByTestId('deid-list-limit')).toContainText('only its first 200 are used');
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT, fullPage: true });
});
