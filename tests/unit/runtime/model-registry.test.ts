// Which model the engine picks for a kind (a preferred model of your own, else the one named like the
// kind), and which ONNX precision it loads of a folder that ships only some.
import { describe, expect, it } from 'vitest';
import type { ModelFiles } from '../../../workers/runtime/files.ts';
import { dtypeFor, ModelRegistry } from '../../../workers/runtime/models.ts';

function filesOf(configs: Record<string, { task: string; preferred?: boolean }>): ModelFiles {
  return {
    root: '/models/',
    list: async () => Object.keys(configs),
    readJson: async (model) => ({ model_type: 'bert', medtext: configs[model] }),
  };
}

describe('ModelRegistry.find', () => {
  it('takes the model named like the kind, else the first of the kind', async () => {
    const registry = new ModelRegistry(
      filesOf({ ade: { task: 'classify' }, entities: { task: 'entities' }, 'own/x': { task: 'entities' } }),
    );
    expect(await registry.find('entities')).toBe('entities');
    expect(await registry.find('classify')).toBe('ade');
    expect(await registry.find('embeddings')).toBeUndefined();
  });

  it('takes a preferred model of your own over the built-in one', async () => {
    const registry = new ModelRegistry(
      filesOf({ entities: { task: 'entities' }, 'own/x': { task: 'entities', preferred: true } }),
    );
    expect(await registry.find('entities')).toBe('own/x');
  });
});

describe('dtypeFor', () => {
  it('loads the precision asked for where the folder ships it, else its first', () => {
    expect(dtypeFor('q8')).toBe('q8');
    expect(dtypeFor('q8', ['q8', 'fp32'])).toBe('q8');
    expect(dtypeFor('q8', ['fp32', 'fp16'])).toBe('fp32');
    expect(dtypeFor('fp32', ['q8'])).toBe('q8');
  });
});
