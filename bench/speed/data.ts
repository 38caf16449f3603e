// The fixed bench inputs, read from ../shared/data: the same items on every run so that runs
// (and the browser and Node figures of one run) are comparable.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readConll, readTsv } from '../eval/tsv.ts';
import { spreadSample } from './stats.ts';

export const ENTITY_FILE = 'ner/bc5cdr/test.tsv';
export const NOTES_FILE = 'tc/mtsamples/test.tsv';
export const ADE_FILE = 'tc/ade-classification/test.tsv';

/** Short note for cold start: the same one the e2e tests use. */
export const COLD_NOTE =
  'The patient is a 64-year-old man with type 2 diabetes mellitus and hypertension. He was started on metformin and lisinopril. ' +
  'He denies chest pain. Cisplatin-induced nephrotoxicity was noted.';

export interface BenchData {
  /** PubMed sentences (tokens joined by spaces), for token classification. */
  sentences: string[];
  /** Clinical notes and ADE sentences (about 1:3), for classification and embeddings. */
  texts: string[];
  /** A clinical note cut to about 200 words, for single-note latency. */
  note: string;
  note_words: number;
  sources: Record<string, string>;
}

function need(root: string, rel: string): string {
  const file = path.join(root, rel);
  if (!existsSync(file)) {
    throw new Error(`bench data missing: ${file} (set MEDTEXT_DATA to the shared data folder).`);
  }
  return file;
}

/** First `words` words of the first note at least that long (the notes' whitespace is already collapsed). */
export function noteOfWords(notes: readonly string[], words: number): string {
  const long =
    notes.find((n) => n.split(' ').length >= words) ?? notes.reduce((a, b) => (b.length > a.length ? b : a), '');
  return long.split(' ').slice(0, words).join(' ');
}

export function loadBenchData(dataRoot: string, items: number): BenchData {
  const entityFile = need(dataRoot, ENTITY_FILE);
  const notesFile = need(dataRoot, NOTES_FILE);
  const adeFile = need(dataRoot, ADE_FILE);
  const sentences = spreadSample(
    readConll(entityFile).map((s) => s.tokens.join(' ')),
    items,
  );
  const notes = readTsv(notesFile).map((r) => r.text);
  const ade = readTsv(adeFile).map((r) => r.text);
  // A quarter notes (long, truncated to max_length) and the rest short sentences, like a real mix.
  const noteCount = Math.min(notes.length, Math.round(items / 4));
  const texts = [...spreadSample(notes, noteCount), ...spreadSample(ade, items - noteCount)];
  const note = noteOfWords(notes, 200);
  return {
    sentences,
    texts,
    note,
    note_words: note.split(' ').length,
    sources: { entities: ENTITY_FILE, classify: `${NOTES_FILE} + ${ADE_FILE}`, latency_note: NOTES_FILE },
  };
}
