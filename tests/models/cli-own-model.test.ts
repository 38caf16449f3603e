// Bring your own model on the command line: `--model DIR` with a folder in Hugging Face layout, built
// here from a shipped model (cli-own-model-folders.ts), and broken copies.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeEngine, REPO_ROOT } from '../../workers/runtime/node-engine.ts';
import { openForeignModel } from '../../workers/runtime/node-foreign-model.ts';
import { exportLike as exportAs, type ExportOptions } from './cli-own-model-folders.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'medtext-own-model-'));

/** A stock-layout copy of a shipped model, in this test's folder. */
const exportLike = (model: string, name: string, opts?: ExportOptions) => exportAs(model, path.join(dir, name), opts);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function medtext(args: string[], stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: REPO_ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const NOTES = [
  { id: 'a', text: 'The patient developed a rash after amoxicillin.' },
  { id: 'b', text: 'Vitals stable, no complaints today.' },
];
const stdin = NOTES.map((n) => JSON.stringify(n)).join('\n') + '\n';

describe('medtext --model DIR (a folder of your own)', () => {
  it('classifies with a stock-layout copy of the ADE model as the shipped model does, read whole', async () => {
    const folder = exportLike('ade', 'ade-export', { vocabTxt: true });
    const run = await medtext(['classify', '--model', folder, '-'], stdin);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; labels: { label: string; score: number }[]; predicted: string[] });
    // The same weights read the same way (the whole text, as the derived defaults do) give the same scores.
    const shipped = await nodeEngine().classify(
      NOTES.map((n) => n.text),
      { model: 'ade', reads: 'text' },
    );
    expect(results.map((r) => r.id)).toEqual(['a', 'b']);
    results.forEach((r, i) => {
      for (const { label, score } of shipped[i].labels) {
        expect(r.labels.find((l) => l.label === label)?.score).toBeCloseTo(score, 3);
      }
      expect(r.predicted).toEqual(shipped[i].labels.filter((l) => l.selected).map((l) => l.label));
    });
  });

  it('embeds with a stock-layout copy of the embeddings model exactly as the shipped model does', async () => {
    const opened = await openForeignModel(exportLike('embeddings', 'embeddings-export'));
    expect(opened.check.ok && opened.check.model.kind).toBe('embeddings');
    const texts = ['chest pain on exertion', 'shortness of breath'];
    const own = await nodeEngine({ files: opened.files }).embed(texts, { model: opened.name });
    const shipped = await nodeEngine().embed(texts, { model: 'embeddings' });
    own.forEach((vec, i) => expect(Array.from(vec)).toEqual(Array.from(shipped[i])));
  });

  it('finds entities with a token classifier of your own, offsets into the text', async () => {
    const folder = exportLike('entities', 'ner-export');
    const text = 'She has a history of diabetes mellitus.';
    const run = await medtext(['entities', '--model', folder, '-'], JSON.stringify({ id: 'n1', text }) + '\n');
    expect(run.code).toBe(0);
    const { entities } = JSON.parse(run.stdout) as { entities: { start: number; end: number; type: string; text: string }[] };
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities).toContainEqual(expect.objectContaining({ type: 'Disease', text: 'diabetes mellitus' }));
  });

  it('refuses a folder without a tokenizer, naming the problem, with status 2', async () => {
    const folder = exportLike('ade', 'no-tokenizer');
    rmSync(path.join(folder, 'tokenizer.json'));
    const run = await medtext(['classify', '--model', folder, '-'], stdin);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${folder} cannot be used as a model:`);
    expect(run.stderr).toContain('There is no tokenizer: medtext needs tokenizer.json (WordPiece) or vocab.txt.');
  });

  it('refuses an architecture it cannot run, and labels that disagree', async () => {
    const folder = exportLike('ade', 'bad-labels', {
      edit: (c) => {
        c.label2id = { ADE: 1, noADE: 0 };
        c.architectures = ['BertForMaskedLM'];
      },
    });
    const run = await medtext(['classify', '--model', folder, '-'], stdin);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('its architecture BertForMaskedLM is not one medtext runs');
    const labels = exportLike('ade', 'bad-labels-only', { edit: (c) => (c.label2id = { ADE: 1, noADE: 0 }) });
    const second = await medtext(['classify', '--model', labels, '-'], stdin);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('label2id does not match id2label');
  });

  it('refuses a model of another kind than the task runs', async () => {
    const folder = exportLike('ade', 'ade-for-entities');
    const run = await medtext(['entities', '--model', folder, '-'], stdin);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${folder} is a model for classify; "entities" runs entities models. It serves: classify.`);
  });
});
