// Timed bench jobs, shared by the browser bench worker and Node so both run exactly the same
// loop over the same engine code. No Node or DOM globals here.
import type { Engine } from '../../workers/engine.ts';

export type JobKind = 'entities' | 'classify' | 'embed' | 'deid' | 'stock-entities';

export interface JobResult {
  kind: JobKind;
  model: string;
  items: number;
  /** Wall time of the whole job. */
  ms: number;
  /** Time inside the model's forward calls (ONNX Runtime + tensor glue), summed. */
  inference_ms: number;
  /** Forward calls (batches). */
  runs: number;
  /** Non-padding tokens fed to the model, [CLS]/[SEP] included. */
  tokens: number;
  /** batch × longest sequence, summed over batches: what the model actually computed. */
  padded_tokens: number;
}

interface Counters {
  inference_ms: number;
  runs: number;
  tokens: number;
  padded_tokens: number;
}

type Feeds = Record<string, { dims: readonly number[]; data: ArrayLike<number | bigint> }>;
type Forward = (feeds: never) => Promise<unknown>;

let counters: Counters = { inference_ms: 0, runs: 0, tokens: 0, padded_tokens: 0 };
const wrapped = new WeakSet<object>();

function count(feeds: Feeds, ms: number): void {
  counters.inference_ms += ms;
  counters.runs++;
  const ids = feeds.input_ids;
  if (!ids) return;
  counters.padded_tokens += ids.dims.reduce((a, b) => a * b, 1);
  const mask = feeds.attention_mask?.data;
  if (!mask) {
    counters.tokens += ids.dims.reduce((a, b) => a * b, 1);
    return;
  }
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += Number(mask[i]);
  counters.tokens += n;
}

/**
 * Replaces `holder[key]` (a model's forward function) by a timed copy, once per holder.
 * medtext: LoadedModel.run; stock transformers.js: PreTrainedModel.forward.
 */
export function instrument<K extends string>(holder: { [k in K]: Forward }, key: K): void {
  if (wrapped.has(holder)) return;
  wrapped.add(holder);
  const original = holder[key].bind(holder) as (feeds: Feeds) => Promise<unknown>;
  const timed = async (feeds: Feeds) => {
    const t0 = performance.now();
    const out = await original(feeds);
    count(feeds, performance.now() - t0);
    return out;
  };
  (holder as Record<string, unknown>)[key] = timed;
}

/** Runs `body` with fresh counters and returns its timing. */
export async function timed(
  kind: JobKind,
  model: string,
  items: number,
  body: () => Promise<void>,
): Promise<JobResult> {
  counters = { inference_ms: 0, runs: 0, tokens: 0, padded_tokens: 0 };
  const t0 = performance.now();
  await body();
  const ms = performance.now() - t0;
  return { kind, model, items, ms, ...counters };
}

/** Loads `model` for its task and instruments it, so that load time stays out of every job. */
export async function prepare(engine: Engine, task: string, model: string): Promise<void> {
  const loaded = await engine.model(task as Parameters<Engine['model']>[0], { model });
  instrument(loaded as unknown as { run: Forward }, 'run');
}

/** The job that exercises a model's own task over `texts`, one call per text or one batched call. */
export function engineJob(engine: Engine, task: string, model: string, texts: string[]): Promise<JobResult> {
  switch (task) {
    case 'entities':
      // One batched call: windows of all texts share length-bucketed batches.
      return timed('entities', model, texts.length, async () => {
        await engine.entitiesMany(texts, { model });
      });
    case 'deid':
      return timed('deid', model, texts.length, async () => {
        for (const t of texts) await engine.deid(t, { model });
      });
    case 'classify':
      return timed('classify', model, texts.length, async () => void (await engine.classify(texts, { model })));
    case 'embeddings':
      return timed('embed', model, texts.length, async () => void (await engine.embed(texts, { model })));
    default:
      throw new Error(`bench: no job for task "${task}" (model "${model}")`);
  }
}

/** Which inputs each task gets: sentences for token tagging, the note/sentence mix otherwise. */
export function inputsFor(task: string, data: { sentences: string[]; texts: string[] }): string[] {
  return task === 'entities' ? data.sentences : data.texts;
}

/** Sums two results of the same job over different chunks of its items. */
export function mergeJobs(a: JobResult | undefined, b: JobResult): JobResult {
  if (!a) return { ...b };
  return {
    kind: a.kind,
    model: a.model,
    items: a.items + b.items,
    ms: a.ms + b.ms,
    inference_ms: a.inference_ms + b.inference_ms,
    runs: a.runs + b.runs,
    tokens: a.tokens + b.tokens,
    padded_tokens: a.padded_tokens + b.padded_tokens,
  };
}

/**
 * [start, end) ranges that cut `n` items into about `chunks` parts. Runs being compared take turns
 * chunk by chunk, so that a noisy neighbour on the machine slows them alike.
 */
export function chunkRanges(n: number, chunks: number): [number, number][] {
  const size = Math.max(1, Math.ceil(n / Math.max(1, chunks)));
  const ranges: [number, number][] = [];
  for (let i = 0; i < n; i += size) ranges.push([i, Math.min(n, i + size)]);
  return ranges;
}
