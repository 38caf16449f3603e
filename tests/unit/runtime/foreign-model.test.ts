// The bring-your-own-model check: what it accepts, what it derives, and the problems it names.
import { describe, expect, it } from 'vitest';
import {
  checkForeignModel,
  preparedJson,
  vocabularyOf,
  type ForeignFolder,
} from '../../../workers/runtime/foreign-model.ts';

/** A stock bert-base-style vocabulary: specials at 0 and 100–103, as Hugging Face ships them. */
const VOCAB = ['[PAD]', ...Array.from({ length: 99 }, (_, i) => `[unused${i}]`), '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const VOCAB_TXT = [...VOCAB, 'the', 'patient', '##s'].join('\n') + '\n';

function folder(config: Record<string, unknown>, extra: Partial<ForeignFolder> = {}): ForeignFolder {
  return {
    paths: ['config.json', 'vocab.txt', 'onnx/model.onnx'],
    config: { model_type: 'bert', vocab_size: 30522, max_position_embeddings: 512, ...config },
    vocab: VOCAB_TXT,
    ...extra,
  };
}

const TAGGER = {
  architectures: ['BertForTokenClassification'],
  id2label: { 0: 'O', 1: 'B-Drug', 2: 'I-Drug' },
  label2id: { O: 0, 'B-Drug': 1, 'I-Drug': 2 },
};
const CLASSIFIER = {
  architectures: ['BertForSequenceClassification'],
  id2label: { 0: 'negative', 1: 'positive' },
  label2id: { negative: 0, positive: 1 },
};

function problems(f: ForeignFolder): string[] {
  const check = checkForeignModel(f);
  if (check.ok) throw new Error(`expected problems, got a ${check.model.kind} model`);
  return check.problems;
}

describe('checkForeignModel', () => {
  it('takes a token classifier as an entities model, with derived defaults', () => {
    const check = checkForeignModel(folder(TAGGER, { tokenizerConfig: { model_max_length: 256 } }));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.model).toMatchObject({
      kind: 'entities',
      labels: ['O', 'B-Drug', 'I-Drug'],
      dtypes: ['fp32'],
      maxLength: 256,
      tokenizerFile: 'vocab.txt',
    });
    expect(check.model.tasks).toContain('entities');
    expect(check.model.tasks).not.toContain('classify');
    expect(check.model.medtext).toMatchObject({ task: 'entities', max_length: 256, dtypes: ['fp32'] });
  });

  it('takes a sequence classifier, multi-label when its problem_type says so', () => {
    const single = checkForeignModel(folder(CLASSIFIER));
    const multi = checkForeignModel(folder({ ...CLASSIFIER, problem_type: 'multi_label_classification' }));
    expect(single.ok && single.model.medtext).toMatchObject({ task: 'classify', multi_label: false, max_length: 512 });
    expect(multi.ok && multi.model.medtext).toMatchObject({ multi_label: true });
    expect(single.ok && single.model.tasks).toEqual(['classify']);
  });

  it('takes a bare encoder as embeddings, pooling as a sentence-transformers export says', () => {
    const mean = checkForeignModel(folder({ architectures: ['BertModel'] }));
    const cls = checkForeignModel(
      folder(
        { architectures: ['BertModel'] },
        { pooling: { pooling_mode_cls_token: true, pooling_mode_mean_tokens: false } },
      ),
    );
    expect(mean.ok && mean.model).toMatchObject({ kind: 'embeddings', labels: [] });
    expect(mean.ok && mean.model.medtext).toMatchObject({ pooling: 'mean', normalize: true });
    expect(cls.ok && cls.model.medtext.pooling).toBe('cls');
    expect(mean.ok && mean.model.tasks).toContain('similarity');
  });

  it('lists the precisions present, q8 first', () => {
    const f = folder(CLASSIFIER, {
      paths: ['config.json', 'vocab.txt', 'onnx/model_fp16.onnx', 'onnx/model.onnx', 'onnx/model_quantized.onnx'],
    });
    const check = checkForeignModel(f);
    expect(check.ok && check.model.dtypes).toEqual(['q8', 'fp32', 'fp16']);
  });

  it('keeps a medtext block the folder ships, and checks the files it names', () => {
    const block = { task: 'classify', max_length: 64, window: 'sentence' };
    const check = checkForeignModel(folder({ ...CLASSIFIER, medtext: block }));
    expect(check.ok && check.model.medtext).toMatchObject({ ...block, dtypes: ['fp32'] });
    expect(problems(folder({ ...TAGGER, medtext: { task: 'entities', lexicon: 'lexicon.json.gz' } }))).toEqual([
      'Its medtext block names lexicon.json.gz, which is missing.',
    ]);
    expect(problems(folder({ ...TAGGER, medtext: { task: 'classify' } }))[0]).toMatch(/says task "classify"/);
  });

  it('names a missing or unreadable config', () => {
    expect(problems({ paths: [], config: undefined })).toEqual(['There is no config.json.']);
    expect(problems({ paths: ['config.json'], config: 'not valid JSON (Unexpected token)' })[0]).toMatch(
      /^config.json: not valid JSON/,
    );
  });

  it('names the architecture it cannot run', () => {
    expect(problems(folder({ architectures: ['BertForMaskedLM'] })).join(' ')).toMatch(
      /BertForMaskedLM is not one medtext runs/,
    );
    expect(problems(folder({ architectures: undefined })).join(' ')).toMatch(/names no architectures/);
  });

  it('names a model type outside the BERT family it supports', () => {
    expect(problems(folder({ ...CLASSIFIER, model_type: 'roberta' }))[0]).toMatch(
      /model_type is "roberta"; .*bert, distilbert, electra/,
    );
    expect(checkForeignModel(folder({ ...CLASSIFIER, model_type: 'distilbert' })).ok).toBe(true);
  });

  it('names labels that do not agree', () => {
    expect(problems(folder({ ...CLASSIFIER, label2id: { negative: 1, positive: 0 } }))).toEqual([
      'label2id does not match id2label: every label must map back to its own id.',
    ]);
    expect(problems(folder({ ...CLASSIFIER, id2label: { 0: 'a', 2: 'b' }, label2id: undefined }))[0]).toMatch(
      /without gaps/,
    );
    expect(problems(folder({ ...CLASSIFIER, num_labels: 3 }))[0]).toMatch(/num_labels is 3 but id2label names 2/);
    expect(problems(folder({ ...CLASSIFIER, id2label: undefined, label2id: undefined }))[0]).toMatch(/no id2label/);
    expect(problems(folder({ ...CLASSIFIER, id2label: { 0: 'a', 1: 'a' }, label2id: undefined }))[0]).toMatch(
      /names a more than once/,
    );
  });

  it('names token labels that are not BIO tags', () => {
    const bioes = { 0: 'O', 1: 'S-Drug', 2: 'E-Drug' };
    expect(problems(folder({ ...TAGGER, id2label: bioes, label2id: undefined }))[0]).toMatch(/S-Drug, E-Drug are not/);
    const orphan = { 0: 'O', 1: 'B-Drug', 2: 'I-Dose' };
    expect(problems(folder({ ...TAGGER, id2label: orphan, label2id: undefined }))).toEqual([
      'I-Dose has no matching B-Dose label.',
    ]);
    const noOutside = { 0: 'B-Drug', 1: 'I-Drug' };
    expect(problems(folder({ ...TAGGER, id2label: noOutside, label2id: undefined }))[0]).toMatch(/need an O label/);
  });

  it('names a missing, non-WordPiece, cased or oversized tokenizer', () => {
    expect(problems(folder(CLASSIFIER, { vocab: undefined }))).toEqual([
      'There is no tokenizer: medtext needs tokenizer.json (WordPiece) or vocab.txt.',
    ]);
    const bpe = { model: { type: 'BPE', vocab: {}, merges: [] } };
    expect(problems(folder(CLASSIFIER, { tokenizer: bpe }))[0]).toMatch(/holds a BPE tokenizer/);
    expect(problems(folder(CLASSIFIER, { tokenizerConfig: { do_lower_case: false } }))[0]).toMatch(/cased/);
    expect(problems(folder({ ...CLASSIFIER, vocab_size: 50 }))[0]).toMatch(
      /ids up to 106, beyond the model's vocab_size of 50/,
    );
    expect(problems(folder(CLASSIFIER, { vocab: 'the\npatient\n' }))[0]).toMatch(
      /lacks \[PAD\], \[UNK\], \[CLS\], \[SEP\]/,
    );
  });

  it('names a missing ONNX file, and the ones it does not load', () => {
    expect(problems(folder(CLASSIFIER, { paths: ['config.json', 'vocab.txt', 'onnx/model_q4.onnx'] }))).toEqual([
      'There is no ONNX model: medtext looks for onnx/model_quantized.onnx, onnx/model.onnx, onnx/model_fp16.onnx ' +
        '(found onnx/model_q4.onnx, which it does not load).',
    ]);
  });

  it('says where an ONNX file outside onnx/ should go', () => {
    const f = folder(CLASSIFIER, { paths: ['config.json', 'vocab.txt', 'model.onnx'] });
    expect(problems(f)[0]).toMatch(/found model.onnx, which it does not load\)\. Move model.onnx into onnx\//);
  });

  it('lists every problem at once', () => {
    const f = folder(
      { ...CLASSIFIER, model_type: 'gpt2', label2id: { x: 0 } },
      { vocab: undefined, paths: ['config.json'] },
    );
    expect(problems(f)).toHaveLength(4);
  });
});

describe('preparedJson', () => {
  it('adds the medtext block and builds a WordPiece tokenizer.json from vocab.txt', () => {
    const f = folder(CLASSIFIER);
    const check = checkForeignModel(f);
    if (!check.ok) throw new Error(check.problems.join('; '));
    const { config, tokenizer } = preparedJson(f, check.model);
    expect(config.medtext).toEqual(check.model.medtext);
    expect(config.architectures).toEqual(CLASSIFIER.architectures);
    const vocab = vocabularyOf({ tokenizer });
    expect(vocab instanceof Map && [vocab.get('[CLS]'), vocab.get('patient'), vocab.size]).toEqual([101, 105, 107]);
  });
});
