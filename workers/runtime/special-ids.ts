// medtext's encoders put [PAD], [UNK], [CLS], [SEP] and [MASK] at fixed ids (0–4, training/CONTRACT.md).
// A vocabulary from elsewhere keeps them at other ids (bert-base: [CLS] = 101), so its ids are permuted
// to put the special tokens there for encoding, and mapped back before the ONNX graph sees them.
import { Tensor } from '@huggingface/transformers';
import { SPECIAL } from '../text/wordpiece.ts';

/** The special tokens in the order of their medtext ids. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const MEDTEXT_IDS = [SPECIAL.pad, SPECIAL.unk, SPECIAL.cls, SPECIAL.sep, SPECIAL.mask];

export interface AlignedVocabulary {
  /** token → the id medtext encodes it as. */
  vocab: Map<string, number>;
  /** medtext id → the model's id; null when they are the same. */
  toModel: Int32Array | null;
}

/** Swaps ids so that each special token the vocabulary has sits at medtext's id for it. */
export function alignSpecialIds(modelVocab: Map<string, number>): AlignedVocabulary {
  const size = Math.max(MEDTEXT_IDS.length, ...modelVocab.values()) + 1;
  const toModel = Int32Array.from({ length: size }, (_, i) => i);
  const toMedtext = Int32Array.from({ length: size }, (_, i) => i);
  let moved = false;
  SPECIAL_TOKENS.forEach((token, k) => {
    const modelId = modelVocab.get(token);
    const target = MEDTEXT_IDS[k];
    if (modelId === undefined || toModel[target] === modelId) return;
    // Swap the medtext ids `target` and the one now standing for modelId; earlier swaps stay put,
    // because each placed target already stands for a different special token.
    const current = toMedtext[modelId];
    const displaced = toModel[target];
    toModel[target] = modelId;
    toModel[current] = displaced;
    toMedtext[modelId] = target;
    toMedtext[displaced] = current;
    moved = true;
  });
  if (!moved) return { vocab: modelVocab, toModel: null };
  const vocab = new Map([...modelVocab].map(([token, id]) => [token, toMedtext[id]]));
  return { vocab, toModel };
}

/** The feeds with input_ids turned from medtext's ids into the model's. */
export function toModelIds(feeds: Record<string, Tensor>, toModel: Int32Array): Record<string, Tensor> {
  const ids = feeds.input_ids;
  const data = ids.data as BigInt64Array;
  const mapped = BigInt64Array.from(data, (id) => BigInt(toModel[Number(id)]));
  return { ...feeds, input_ids: new Tensor('int64', mapped, ids.dims as number[]) };
}
