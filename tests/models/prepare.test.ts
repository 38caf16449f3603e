// Background loading: a view's model is prepared before the first run, and a run that arrives while
// it loads waits for that load (no second session) and hears its progress.
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../workers/api.ts';
import { REPO_ROOT, nodeEngine } from '../../workers/runtime/node-engine.ts';

describe('prepare', () => {
  it('a run during the load shares it and hears its progress', async () => {
    const engine = nodeEngine();
    const preparing = engine.prepare('entities');
    // The run must arrive while the prepared load is in flight, not start the load itself.
    while (engine.registry['loaded'].size === 0) await new Promise((r) => setTimeout(r, 1));
    const stages: ProgressEvent['stage'][] = [];
    const entities = await engine.entities('Aspirin caused gastric bleeding.', {
      onProgress: (e) => stages.push(e.stage),
    });
    await preparing;
    expect(entities.map((e) => e.text)).toContain('Aspirin');
    expect(stages).toContain('warmup');
    expect(stages.at(-1)).toBe('items');
    expect(engine.registry['loaded'].size).toBe(1);
  });

  it('after preparing, a run loads nothing', async () => {
    const engine = nodeEngine();
    await engine.prepare('entities');
    const stages: ProgressEvent['stage'][] = [];
    await engine.entities('Aspirin caused gastric bleeding.', { onProgress: (e) => stages.push(e.stage) });
    expect(stages.filter((s) => s !== 'items')).toEqual([]);
  });

  it('a data file that fails names itself, and a later run loads afresh', async () => {
    // The session and the data files load side by side; a missing lexicon must fail the load
    // (with the file named), not leave a half-made model behind.
    const root = mkdtempSync(path.join(os.tmpdir(), 'medtext-models-'));
    try {
      cpSync(path.join(REPO_ROOT, 'models/entities'), path.join(root, 'entities'), { recursive: true });
      const lexicon = path.join(root, 'entities/lexicon.json.gz');
      renameSync(lexicon, `${lexicon}.away`);
      const engine = nodeEngine({ modelsRoot: root });
      await expect(engine.entities('Aspirin caused gastric bleeding.')).rejects.toThrow(
        /missing or damaged \(lexicon\.json\.gz/,
      );
      expect(engine.registry['loaded'].size).toBe(0);
      renameSync(`${lexicon}.away`, lexicon);
      expect((await engine.entities('Aspirin caused gastric bleeding.')).map((e) => e.text)).toContain('Aspirin');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
