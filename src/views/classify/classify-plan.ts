// Which classifiers run on a text when the user leaves the model on "Automatic", and how to say
// in words what a model read. Pure functions, so the view stays a view.
import type { ClassificationReading } from '../../../workers/api.ts';
import { splitSentences } from '../../../workers/text/sentences.ts';

/** Reads a whole note (specialty and note type). */
export const NOTE_MODEL = 'note-specialty';
/** Reads sentence by sentence (adverse drug events). */
export const SENTENCE_MODEL = 'ade';

/**
 * A note (several sentences) gets the note model and the sentence model, one sentence the sentence
 * model. Models that are not installed are left out; with neither, the engine's default runs (undefined).
 */
export function automaticModels(text: string, installed: readonly string[]): (string | undefined)[] {
  const wanted = splitSentences(text).length > 1 ? [NOTE_MODEL, SENTENCE_MODEL] : [SENTENCE_MODEL];
  const found = wanted.filter((name) => installed.includes(name));
  return found.length > 0 ? found : [undefined];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What the model read of this text, in a sentence. */
export function describeReading(reads: ClassificationReading): string {
  const limit = plural(reads.maxSubwords, 'sub-word');
  if (reads.unit === 'text') {
    const cut = reads.truncated > 0 ? 'This text is longer: its end was not read.' : 'This text was read to its end.';
    return `Reads the text as one piece, up to its first ${limit}. ${cut}`;
  }
  const cut =
    reads.truncated > 0 ? ` ${plural(reads.truncated, 'sentence was', 'sentences were')} longer and cut.` : '';
  return `Reads each of the text's ${plural(reads.sequences, 'sentence')} on its own (up to ${limit} each); the text gets its highest-scoring sentence.${cut}`;
}
