// A vocabulary whose special tokens sit elsewhere than medtext's ids 0–4 is permuted for encoding
// and mapped back for the model: same tokens, same model ids, in any layout.
import { Tensor } from '@huggingface/transformers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECIAL } from '../../../workers/text/wordpiece.ts';
import { alignSpecialIds, SPECIAL_TOKENS, toModelIds } from '../../../workers/runtime/special-ids.ts';

/** `tokens` laid out at ids 0…n−1 in the given order. */
const vocabOf = (tokens: string[]) => new Map(tokens.map((t, i) => [t, i]));

describe('alignSpecialIds', () => {
  it('leaves medtext-layout vocabularies alone', () => {
    const vocab = vocabOf([...SPECIAL_TOKENS, 'the', 'patient']);
    expect(alignSpecialIds(vocab)).toEqual({ vocab, toModel: null });
  });

  it('puts the specials at medtext ids and maps every id back to the model id of the same token', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...SPECIAL_TOKENS, ...words], { minLength: 45, maxLength: 45 }),
        fc.boolean(),
        (layout, dropMask) => {
          const tokens = dropMask ? layout.filter((t) => t !== '[MASK]') : layout;
          const modelVocab = vocabOf(tokens);
          const { vocab, toModel } = alignSpecialIds(modelVocab);
          expect(['[PAD]', '[UNK]', '[CLS]', '[SEP]'].map((t) => vocab.get(t))).toEqual([
            SPECIAL.pad,
            SPECIAL.unk,
            SPECIAL.cls,
            SPECIAL.sep,
          ]);
          if (!dropMask) expect(vocab.get('[MASK]')).toBe(SPECIAL.mask);
          const back = toModel ?? Int32Array.from({ length: tokens.length }, (_, i) => i);
          for (const [token, id] of vocab) expect(back[id]).toBe(modelVocab.get(token));
          // A bijection: no two medtext ids share a model id.
          expect(new Set(vocab.values()).size).toBe(vocab.size);
        },
      ),
    );
  });

  it('turns input_ids into the model ids and keeps the other feeds', () => {
    const modelVocab = vocabOf(['[PAD]', 'x', '[UNK]', 'y', '[CLS]', '[SEP]', '[MASK]', 'patient']);
    const { vocab, toModel } = alignSpecialIds(modelVocab);
    const ids = [SPECIAL.cls, vocab.get('patient')!, SPECIAL.sep, SPECIAL.pad];
    const mask = new Tensor('int64', BigInt64Array.from([1n, 1n, 1n, 0n]), [1, 4]);
    const feeds = { input_ids: new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, 4]), attention_mask: mask };
    const out = toModelIds(feeds, toModel!);
    expect(Array.from(out.input_ids.data as BigInt64Array, Number)).toEqual([4, 7, 5, 0]);
    expect(out.input_ids.dims).toEqual([1, 4]);
    expect(out.attention_mask).toBe(mask);
  });
});
