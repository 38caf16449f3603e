// Compare sentences: the N×N table of every pair of the pasted list.
import { expect, openView, test } from './fixtures.ts';

test('the all-pairs table scores every pair, by meaning, and says when the list is too short', async ({ page }) => {
  await page.goto('./');
  await openView(page, 'similarity');
  const list = page.getByTestId('similarity-candidates');
  await list.fill('Only one sentence.');
  await page.getByTestId('matrix-run').click();
  await expect(page.getByRole('alert')).toContainText('at least two sentences');

  await list.fill(
    'The patient had a heart attack.\nThe patient had a myocardial infarction.\nThe knee x-ray was normal.',
  );
  await page.getByTestId('matrix-run').click();
  const cells = page.getByTestId('matrix-cell');
  await expect(cells).toHaveCount(9);
  await expect(cells.nth(0)).toHaveText('—');
  const score = async (row: number, col: number) =>
    Number(
      await page
        .locator(`[data-testid="matrix-cell"][data-row="${row}"][data-col="${col}"]`)
        .getAttribute('data-score'),
    );
  // Synonyms with no shared clinical word rank above an unrelated sentence, from either side.
  expect(await score(0, 1)).toBeGreaterThan(await score(0, 2));
  expect(await score(1, 0)).toBeGreaterThan(await score(1, 2));
  await expect(page.locator('[data-testid="matrix-cell"][data-row="0"][data-col="1"]')).toHaveAttribute(
    'aria-label',
    /Sentence 1 and sentence 2: \d+ %/,
  );
});
