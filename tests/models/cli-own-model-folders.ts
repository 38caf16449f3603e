// Folders in Hugging Face layout for the bring-your-own-model tests (command line and app), built from a
// shipped model as a stock export looks: no medtext block, the vocabulary as vocab.txt or tokenizer.json.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MODELS = path.resolve(import.meta.dirname, '../../models');

type Json = Record<string, unknown>;

export interface ExportOptions {
  /** The vocabulary as vocab.txt instead of tokenizer.json. */
  vocabTxt?: boolean;
  /** Changes to config.json (e.g. relabelling). */
  edit?: (config: Json) => void;
}

/** Writes `to` as a Hugging Face export of models/<model>: config.json without medtext, tokenizer, q8 ONNX. */
export function exportLike(model: string, to: string, opts: ExportOptions = {}): string {
  const from = path.join(MODELS, model);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(path.join(to, 'onnx'), { recursive: true });
  copyFileSync(path.join(from, 'onnx/model_quantized.onnx'), path.join(to, 'onnx/model_quantized.onnx'));
  const config = JSON.parse(readFileSync(path.join(from, 'config.json'), 'utf8')) as Json;
  delete config.medtext;
  Object.assign(config, { _name_or_path: `example-org/${path.basename(to)}`, transformers_version: '4.46.0' });
  opts.edit?.(config);
  writeFileSync(path.join(to, 'config.json'), JSON.stringify(config, null, 2));
  copyFileSync(path.join(from, 'tokenizer_config.json'), path.join(to, 'tokenizer_config.json'));
  const tokenizer = readFileSync(path.join(from, 'tokenizer.json'), 'utf8');
  if (opts.vocabTxt) {
    const vocab = (JSON.parse(tokenizer) as { model: { vocab: Record<string, number> } }).model.vocab;
    const tokens = Object.keys(vocab).sort((a, b) => vocab[a] - vocab[b]);
    writeFileSync(path.join(to, 'vocab.txt'), tokens.join('\n') + '\n');
  } else writeFileSync(path.join(to, 'tokenizer.json'), tokenizer);
  return to;
}
