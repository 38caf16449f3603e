// What the model pickers show (Classify a note, Settings): every shipped model lists itself with its
// task, its labels and a description in plain words, read from its config.json.
import { describe, expect, it } from 'vitest';
import { nodeEngine } from '../../workers/runtime/node-engine.ts';

describe('the installed models', () => {
  it('each says what it does', async () => {
    const models = await nodeEngine().models();
    expect(models.map((m) => m.name).sort()).toEqual(['ade', 'deid', 'embeddings', 'entities', 'note-specialty']);
    for (const m of models) {
      expect(m.description, m.name).toMatch(/[a-z]{3,}.*[a-z]{3,}/i);
      // One or two sentences beside a drop-down, not a model card.
      expect(m.description!.length, m.name).toBeLessThanOrEqual(250);
    }
    expect(models.find((m) => m.name === 'ade')?.task).toBe('classify');
    expect(models.find((m) => m.name === 'note-specialty')?.labels.length).toBe(40);
  });
});
