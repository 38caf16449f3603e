// axe-core over every view, in the light and the dark theme, and over the entities view with a
// result shown: no serious or critical violation (WCAG 2.x A/AA rules and axe's best practices).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { VIEWS } from '../../src/ui/views.ts';
import { NOTE, expect, runEntities, test } from './fixtures.ts';

const BLOCKING = new Set(['serious', 'critical']);

/** Serious and critical violations on the page as it is now, one line each (rule, impact, where). */
async function blockingViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const all = results.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×)`);
  console.log(`[axe] ${label}: ${all.length ? all.join('; ') : 'no violations'}`);
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const view of VIEWS) {
      test(`${view.label}: no serious or critical axe violation`, async ({ page }) => {
        await page.goto(`./#${view.id}`);
        await expect(page.locator(`#panel-${view.id}`)).toBeVisible();
        // The status line settles once the engine has started.
        await expect(page.getByTestId('backend-status')).not.toContainText('Starting');
        expect(await blockingViolations(page, `${colorScheme} ${view.id}`)).toEqual([]);
      });
    }

    test('Find entities with a result: no serious or critical axe violation', async ({ page }) => {
      await page.goto('./');
      await runEntities(page, NOTE);
      await expect(page.getByTestId('entity-row').first()).toBeVisible();
      await page.getByTestId('assertion-legend').locator('summary').click();
      expect(await blockingViolations(page, `${colorScheme} entities with result`)).toEqual([]);
    });
  });
}
