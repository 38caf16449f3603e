// Classification of whole texts (note specialty, ADE sentences): one sequence per text,
// softmax for single-label models, sigmoid + per-label thresholds for multi-label ones.
import type { Classification } from '../../api.ts';
import { runSequences, sigmoid, softmaxRow, type BatchOptions } from '../../runtime/batch.ts';
import { encodeText } from '../../runtime/encode.ts';
import type { LoadedModel } from '../../runtime/models.ts';

export async function classifyTexts(
  model: LoadedModel,
  texts: string[],
  opts: BatchOptions = {},
): Promise<Classification[]> {
  const outputs = await runSequences(
    model,
    texts.map((t) => encodeText(model, t)),
    'logits',
    opts,
  );
  const { multi_label: multi, thresholds = {} } = model.config.medtext;
  return outputs.map((out) => {
    const scores = multi ? Array.from(out.data, sigmoid) : softmaxRow(out.data, 0, out.width);
    const best = scores.indexOf(Math.max(...scores));
    const labels = model.labels.map((label, i) => ({
      label,
      score: scores[i],
      selected: multi ? scores[i] >= (thresholds[label] ?? 0.5) : i === best,
    }));
    labels.sort((a, b) => b.score - a.score);
    return { labels };
  });
}
