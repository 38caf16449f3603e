// Sentence embeddings and similarity. The score is the model's: the embedding cosine, or,
// when the model ships a fitted hybrid, a logistic blend of the cosine with a character
// n-gram similarity. The eval harness calls these same functions.
import type { SimilarityHit } from '../api.ts';
import { runSequences, sigmoid, type BatchOptions } from '../runtime/batch.ts';
import type { LoadedModel } from '../runtime/models.ts';
import { charNgramCosine } from '../text/ngrams.ts';
import { encodeText } from './classify.ts';

export async function embedTexts(
  model: LoadedModel,
  texts: string[],
  opts: BatchOptions = {},
): Promise<Float32Array[]> {
  const seqs = texts.map((t) => encodeText(model, t));
  const { pooling = 'mean', normalize = true } = model.config.medtext;
  const outputs = await runSequences(model, seqs, 'last_hidden_state', opts);
  return outputs.map((out) => {
    const vec = new Float32Array(out.width);
    if (pooling === 'cls') vec.set(out.data.subarray(0, out.width));
    else {
      for (let r = 0; r < out.rows; r++)
        for (let c = 0; c < out.width; c++) vec[c] += out.data[r * out.width + c] / out.rows;
    }
    if (normalize) {
      const norm = Math.hypot(...vec) || 1;
      for (let c = 0; c < vec.length; c++) vec[c] /= norm;
    }
    return vec;
  });
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na * nb) || 1);
}

/** The model's similarity of two texts given their embeddings. */
export function pairScore(model: LoadedModel, a: string, b: string, ea: Float32Array, eb: Float32Array): number {
  const cos = cosine(ea, eb);
  const h = model.config.medtext.hybrid;
  if (!h) return cos;
  return sigmoid(h.w_embed * cos + h.w_lexical * charNgramCosine(a, b, h.char_ngrams) + h.bias);
}

export async function rankBySimilarity(
  model: LoadedModel,
  source: string,
  candidates: string[],
  opts: BatchOptions = {},
): Promise<SimilarityHit[]> {
  const [src, ...cands] = await embedTexts(model, [source, ...candidates], opts);
  return candidates
    .map((text, index) => ({ index, text, score: pairScore(model, source, text, src, cands[index]) }))
    .sort((a, b) => b.score - a.score);
}
