// The library as another web app embeds it: examples/embed/ with the package's dist-lib/ served at
// ./medtext/ by the dependency-free server (scripts/serve.mjs) under medtext's headers, on its own
// origin. Entities come back through createMedText(); nothing is fetched from anywhere else.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createStaticServer } from '../../scripts/serve.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
let site: string;
let server: Server;
let origin: string;

test.beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist-lib/medtext.js')))
    throw new Error('dist-lib/ is missing: run npm run build:lib');
  site = mkdtempSync(path.join(tmpdir(), 'medtext-embed-'));
  cpSync(path.join(ROOT, 'examples/embed'), site, { recursive: true });
  cpSync(path.join(ROOT, 'dist-lib'), path.join(site, 'medtext'), { recursive: true });
  cpSync(path.join(ROOT, 'public/_headers'), path.join(site, '_headers'));
  server = await createStaticServer(site);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

test.afterAll(() => {
  server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('an app that embeds the library finds entities with its own origin only', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.context().on('request', (r) => requests.push(r.url()));
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Find entities' }).click();
  const entities = page.locator('[data-testid="entity"]');
  await expect(entities.filter({ hasText: 'chest pain — Disease, negated' })).toHaveCount(1);
  await expect(entities.filter({ hasText: 'metformin — Chemical, affirmed' })).toHaveCount(1);
  await expect(page.getByRole('status')).toHaveText(/\d+ entities/);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(requests.some((u) => u.includes('/medtext/models/entities/'))).toBe(true);
});
