// Classification of texts (note specialty, ADE sentences). A model reads the text as one sequence
// (truncated to its max_length) or, when its config's window is "sentence" (a model trained on
// single sentences), every sentence on its own, the text taking its highest sentence. Softmax for
// single-label models, sigmoid + per-label thresholds for multi-label ones.
import type { Classification, LabelScore, ReadingUnit, Span } from '../../api.ts';
import { runSequences, sigmoid, softmaxRow, type BatchOptions, type SequenceOutput } from '../../runtime/batch.ts';
import { encodeWords, piecesOf, type EncodedSequence } from '../../runtime/encode.ts';
import type { LoadedModel } from '../../runtime/models.ts';
import { splitSentences } from '../../text/sentences.ts';
import { splitWords } from '../../text/words.ts';
import { voteOverSentences, type SentenceDecisionRule } from './sentence-votes.ts';

export interface ClassifyTextOptions extends BatchOptions {
  /** Default: "sentences" for a model whose config window is "sentence", else "text". */
  reads?: ReadingUnit;
}

export function readingUnit(model: LoadedModel, requested?: ReadingUnit): ReadingUnit {
  return requested ?? (model.config.medtext.window === 'sentence' ? 'sentences' : 'text');
}

export async function classifyTexts(
  model: LoadedModel,
  texts: string[],
  opts: ClassifyTextOptions = {},
): Promise<Classification[]> {
  return readingUnit(model, opts.reads) === 'sentences'
    ? classifyBySentence(model, texts, opts)
    : classifyWhole(model, texts, opts);
}

interface Encoded {
  seq: EncodedSequence;
  truncated: boolean;
}

function encode(model: LoadedModel, text: string): Encoded {
  const pieces = piecesOf(splitWords(text), model.wordpiece);
  const seq = encodeWords(pieces, 0, pieces.length, model.config.medtext.max_length);
  return { seq, truncated: seq.firstPiece.length < pieces.length };
}

function decisionRule(model: LoadedModel): SentenceDecisionRule {
  const { multi_label, thresholds = {}, background_label } = model.config.medtext;
  return { labels: model.labels, multiLabel: Boolean(multi_label), thresholds, background: background_label };
}

function scoresOf(rule: SentenceDecisionRule, out: SequenceOutput): number[] {
  return rule.multiLabel ? Array.from(out.data, sigmoid) : softmaxRow(out.data, 0, out.width);
}

/** Label scores best first; a single-label model selects its best label. */
function labelScores(rule: SentenceDecisionRule, scores: number[], selected?: boolean[]): LabelScore[] {
  const best = scores.indexOf(Math.max(...scores));
  const labels = rule.labels.map((label, i) => ({
    label,
    score: scores[i],
    selected: selected ? selected[i] : rule.multiLabel ? scores[i] >= (rule.thresholds[label] ?? 0.5) : i === best,
  }));
  return labels.sort((a, b) => b.score - a.score);
}

async function classifyWhole(model: LoadedModel, texts: string[], opts: BatchOptions): Promise<Classification[]> {
  const encoded = texts.map((t) => encode(model, t));
  const outputs = await runSequences(
    model,
    encoded.map((e) => e.seq),
    'logits',
    opts,
  );
  const rule = decisionRule(model);
  const maxSubwords = model.config.medtext.max_length;
  return outputs.map((out, i) => ({
    model: model.name,
    labels: labelScores(rule, scoresOf(rule, out)),
    reads: { unit: 'text', maxSubwords, sequences: 1, truncated: encoded[i].truncated ? 1 : 0 },
  }));
}

/** The text's sentences; a text with no visible character is read as it is, as one sequence. */
function sentencesOf(text: string): Span[] {
  const spans = splitSentences(text);
  return spans.length > 0 ? spans : [{ start: 0, end: text.length }];
}

async function classifyBySentence(model: LoadedModel, texts: string[], opts: BatchOptions): Promise<Classification[]> {
  const spans = texts.map(sentencesOf);
  // Every sentence of every text in one run, so that batches mix texts and length buckets fill.
  const encoded = texts.flatMap((t, k) => spans[k].map((s) => encode(model, t.slice(s.start, s.end))));
  const outputs = await runSequences(
    model,
    encoded.map((e) => e.seq),
    'logits',
    opts,
  );
  const rule = decisionRule(model);
  const maxSubwords = model.config.medtext.max_length;
  let next = 0;
  return texts.map((text, k) => {
    const from = next;
    next += spans[k].length;
    const votes = voteOverSentences(
      rule,
      text,
      spans[k],
      outputs.slice(from, next).map((out) => scoresOf(rule, out)),
    );
    const truncated = encoded.slice(from, next).filter((e) => e.truncated).length;
    return {
      model: model.name,
      labels: labelScores(rule, votes.scores, votes.selected),
      reads: { unit: 'sentences', maxSubwords, sequences: spans[k].length, truncated },
      evidence: votes.evidence,
    };
  });
}
