// The data files a model's config.json may name besides its graph, tokenizer and lexicon, each with
// the parser that turns it into what the tasks read (`LoadedModel.extras`, typed by this table).
// A task that needs a new kind of data file adds one row here and names the file in its model's config.
import type { ConceptIndex } from '../text/concepts.ts';
import type { KeepWordsJson } from './deid/keep-words.ts';
import { parseBoostedTrees } from './similarity/boosted-trees.ts';
import { WordNet, type WordNetJson } from './similarity/wordnet.ts';

interface DataFile<T> {
  /** The medtext config key naming the file. */
  key: string;
  /** `where`: "model/file", for error messages. */
  parse(json: unknown, where: string): T;
}

const file = <T>(key: string, parse: (json: unknown, where: string) => T): DataFile<T> => ({ key, parse });

export const MODEL_DATA_FILES = {
  /** Entity linking and concept-aware similarity: MeSH / Disease Ontology / DrugBank terms. */
  concepts: file('concepts', (json) => json as ConceptIndex),
  /** Graded similarity: boosted trees over pair features. */
  gradedScorer: file('graded_scorer', parseBoostedTrees),
  /** Similarity's word-alignment features. */
  wordnet: file('wordnet', (json) => new WordNet(json as WordNetJson)),
  /** De-identification: words that are no names on their own. */
  keepWords: file('keep_words', (json) => json as KeepWordsJson),
};

type Files = typeof MODEL_DATA_FILES;

/** What a loaded model holds of each data file its config names. */
export type ModelData = { [K in keyof Files]?: ReturnType<Files[K]['parse']> };

/** The data files `medtext` (a config's medtext block) names, read and parsed side by side. */
export async function readModelData(
  model: string,
  medtext: Record<string, unknown>,
  read: (file: string) => Promise<unknown>,
): Promise<ModelData> {
  const data: Record<string, unknown> = {};
  await Promise.all(
    Object.entries(MODEL_DATA_FILES).map(async ([name, spec]) => {
      const fileName = medtext[spec.key];
      if (typeof fileName === 'string') data[name] = spec.parse(await read(fileName), `${model}/${fileName}`);
    }),
  );
  return data as ModelData;
}
