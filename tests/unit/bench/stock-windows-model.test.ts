// The like-for-like bench pair (bench/speed/stock-windows.ts) with the shipped entities model in
// Node: transformers.js's own tokenizer and model call on the engine's windows must give the
// engine's spans, or the bench's ratio compares different work.
import { pipeline } from '@huggingface/transformers';
import { afterAll, expect, it } from 'vitest';
import { COLD_NOTE } from '../../../bench/speed/data.ts';
import { likeForLikeCheck, type StockParts } from '../../../bench/speed/stock-windows.ts';
import { nodeEngine } from '../../../workers/runtime/node-engine.ts';

const engine = nodeEngine({ threads: 1 });
afterAll(() => engine.registry.clear());

it('stock tokenizer and model on the engine windows give the engine spans', async () => {
  const model = await engine.model('entities', { model: 'entities' });
  const stock = (await pipeline('token-classification', 'entities', { dtype: 'q8' })) as unknown as StockParts;
  // A note long enough for several windows, a short sentence, accents and odd spacing, an empty text.
  const texts = [
    Array.from({ length: 12 }, () => COLD_NOTE).join('\n'),
    'Naloxone reverses the antihypertensive effect of clonidine.',
    'Café-au-lait spots;  naïve  patient   on  lithium (Li+) — no hyperthyroidism.',
    '',
  ];
  const check = await likeForLikeCheck(engine, stock, model, texts);
  expect(check.spans).toBeGreaterThan(12);
  expect(check.same_ids).toBe(1);
  expect(check.agreement).toBe(1);
}, 60_000);
