// The About page lists every shipped model (a folder of models/ with a card and a config), with
// its scores and the date of its card, and says that medtext is not a medical device.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

const shipped = readdirSync('models', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('models', d.name, 'config.json')))
  .map((d) => d.name);

test('About lists every shipped model with its measured scores', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('tab-about').click();
  await expect(page.getByTestId('not-a-medical-device')).toContainText('not a medical device');
  await expect(page.getByTestId('not-a-medical-device')).toContainText('qualified person');
  expect(shipped.length).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId('about-model')).toHaveCount(shipped.length);
  for (const name of shipped) {
    const card = page.locator(`[data-testid="about-model"][data-model="${name}"]`);
    await expect(card.getByRole('heading', { name })).toBeVisible();
    await expect(card.locator('table')).toContainText(/0\.\d{3}/);
    await expect(card.getByTestId('about-dated')).toContainText(/card dated 20\d\d-\d\d/);
  }
});
