// Use your own model (Settings): a folder in Hugging Face layout, here the ADE classifier exported as a
// stock model and relabelled, is checked, accepted, offered in Classify's model picker and runs there
// offline after a reload; a folder without a tokenizer is refused with that problem named. A token
// classifier of your own, chosen over the built-in one, is what Find entities runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportLike } from '../models/cli-own-model-folders.ts';
import { NOTE, expect, openView, runEntities, swControlled, test } from './fixtures.ts';

const RASH = 'The next morning she developed a diffuse itchy rash after the first doses of amoxicillin.';
const RELABELLED = { 0: 'drug reaction', 1: 'no drug reaction' };

test('a model folder of your own is checked, kept and used by Classify; a broken one is refused', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medtext-own-model-e2e-'));
  const good = exportLike('ade', path.join(dir, 'reaction-bert'), {
    vocabTxt: true,
    edit: (config) => {
      config.id2label = RELABELLED;
      config.label2id = { 'drug reaction': 0, 'no drug reaction': 1 };
    },
  });
  const broken = exportLike('ade', path.join(dir, 'no-tokenizer'));
  rmSync(path.join(broken, 'tokenizer.json'));
  try {
    await page.goto('./#settings');
    await swControlled(page);
    await page.getByTestId('own-model-folder').setInputFiles(broken);
    const problems = page.getByTestId('own-model-problems');
    await expect(problems).toContainText('“no-tokenizer” cannot be used');
    await expect(problems).toContainText(
      'There is no tokenizer: medtext needs tokenizer.json (WordPiece) or vocab.txt.',
    );
    await expect(page.getByTestId('own-model-item')).toHaveCount(0);

    await page.getByTestId('own-model-folder').setInputFiles(good);
    const accepted = page.getByTestId('own-model-accepted');
    await expect(accepted).toContainText('“reaction-bert” is ready as own/reaction-bert: it classifies texts');
    await expect(accepted).toContainText('drug reaction, no drug reaction');
    await expect(accepted).toContainText('Classify a note');
    await expect(page.getByTestId('own-model-problems')).toHaveCount(0);
    await expect(page.locator('[data-testid="own-model-item"][data-model="own/reaction-bert"]')).toBeVisible();

    // Offline, after a reload: the model's files come from this browser, not the network.
    await page.context().setOffline(true);
    await page.reload();
    await openView(page, 'classify');
    await page.getByTestId('classify-model').selectOption('own/reaction-bert');
    await page.getByTestId('classify-input').fill(RASH);
    await page.getByTestId('classify-run').click();
    const result = page.locator('[data-testid="classify-result"][data-model="own/reaction-bert"]');
    await expect(result).toBeVisible();
    await expect(result.locator('[data-testid="label-row"][data-selected="true"]')).toHaveAttribute(
      'data-label',
      'drug reaction',
    );
    await page.context().setOffline(false);

    // Removed, it is no longer offered.
    await openView(page, 'settings');
    await page.locator('[data-testid="own-model-item"][data-model="own/reaction-bert"]').getByRole('button').click();
    await expect(page.getByTestId('own-model-item')).toHaveCount(0);
    await openView(page, 'classify');
    await expect(page.getByTestId('classify-model').locator('option[value="own/reaction-bert"]')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a token classifier of your own, chosen over the built-in one, is what Find entities runs', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medtext-own-tagger-e2e-'));
  // The entities model with its types renamed: entities typed Drug and Problem can only come from it.
  const labels = ['O', 'B-Drug', 'I-Drug', 'B-Problem', 'I-Problem'];
  const tagger = exportLike('entities', path.join(dir, 'drug-problem-tagger'), {
    edit: (config) => {
      config.id2label = Object.fromEntries(labels.map((l, i) => [i, l]));
      config.label2id = Object.fromEntries(labels.map((l, i) => [l, i]));
    },
  });
  try {
    await page.goto('./#settings');
    await page.getByTestId('own-model-folder').setInputFiles(tagger);
    await expect(page.getByTestId('own-model-accepted')).toContainText('it finds entities');
    const item = page.locator('[data-testid="own-model-item"][data-model="own/drug-problem-tagger"]');
    await item.getByLabel('Use in Find entities instead of the built-in model').check();
    await expect(item.getByTestId('own-model-preferred')).toBeChecked();
    await expect(item.getByTestId('own-model-preferred')).toBeEnabled();

    const types = new Set((await runEntities(page, NOTE)).map((e) => e.type));
    expect([...types].sort()).toEqual(['Drug', 'Problem']);

    // Turned off again, the built-in model is back (a reload starts the view afresh).
    await openView(page, 'settings');
    await item.getByTestId('own-model-preferred').uncheck();
    await expect(item.getByTestId('own-model-preferred')).toBeEnabled();
    await page.reload();
    await expect(page.getByTestId('own-model-preferred')).not.toBeChecked();
    const builtIn = new Set((await runEntities(page, NOTE)).map((e) => e.type));
    expect([...builtIn].sort()).toEqual(['Chemical', 'Disease']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
