// A phone (375 px wide, touch): entity results stay readable without sideways scrolling, touch
// targets are at least 44 px, and the keyboard-shortcut hint is not shown.
import { NOTE, expect, runEntities, test } from './fixtures.ts';

test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

test('the entity results keep assertion and concept in view at 375 px', async ({ page }) => {
  await page.goto('./');
  await runEntities(page, NOTE);
  const table = page.getByTestId('entity-table');
  await expect(table).toBeVisible();
  // Nothing to scroll sideways: the cards fit the width.
  expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  const row = page
    .getByTestId('entity-row')
    .filter({ hasText: /metformin/i })
    .first();
  for (const cell of ['.assertion', '.concept']) {
    const box = await row.locator(cell).boundingBox();
    expect(box, cell).not.toBeNull();
    expect(box!.width, cell).toBeGreaterThan(20);
    expect(box!.x, cell).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, cell).toBeLessThanOrEqual(375);
  }
  await expect(row.locator('.assertion')).toBeVisible();
  await expect(row.locator('.assertion')).toContainText('Present');
  await expect(row.locator('.concept')).toBeVisible();
  await expect(row.locator('.concept')).toContainText(/(MeSH|DrugBank) D?B?\d+/);
  const negated = page
    .getByTestId('entity-row')
    .filter({ hasText: /chest pain/i })
    .first();
  await expect(negated.locator('.assertion')).toContainText('Absent');
});

test('touch targets are at least 44 px and the shortcut hint is hidden', async ({ page }) => {
  await page.goto('./#entities');
  await expect(page.getByTestId('entities-run')).toBeVisible();
  await expect(page.locator('#panel-entities').getByTestId('shortcut-hint')).toBeHidden();
  const small = await page
    .locator('button:visible, [role="tab"]:visible')
    .evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.textContent?.trim()),
    );
  expect(small).toEqual([]);

  // Radio buttons and checkboxes are pressed through their labels.
  await page.getByTestId('tab-deid').click();
  const labels = page.locator('#panel-deid label:has(input[type="radio"])');
  expect(await labels.count()).toBeGreaterThan(1);
  const heights = await labels.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  for (const height of heights) expect(height).toBeGreaterThanOrEqual(44);
});
