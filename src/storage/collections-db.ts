// The collections store in IndexedDB (through `idb`): collections, their notes, batch jobs and
// their results. Every record that holds patient text (note text, IDs, file names, results) is
// sealed with AES-GCM (crypto-box.ts); only numbers and random IDs stay in the clear, as keys.
// A result is written in the same transaction as its job's progress, so after a crash or reload
// a job's saved results and its `done` count always agree (no row lost, none done twice).
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { CryptoBox, newStorageKey, type Sealed } from './crypto-box.ts';

export const DB_NAME = 'medtext-collections';
const KEY_ID = 'storage-key';

export type JobStatus = 'running' | 'paused' | 'cancelled' | 'done' | 'failed';

/** A job's state; holds no patient text, so it is stored in the clear (its error is ours, not the note's). */
export interface JobRecord {
  id: string;
  collectionId: string;
  tasks: string[];
  status: JobStatus;
  done: number;
  total: number;
  createdAt: number;
  error?: string;
}

export interface CollectionMeta {
  id: string;
  name: string;
  count: number;
  createdAt: number;
  /** What the import skipped, and why (kept with the collection so the reasons stay visible). */
  skipped: { where: string; reason: string }[];
}

export interface StoredNote {
  id: string;
  text: string;
  source: string;
}

interface Schema extends DBSchema {
  keys: { key: string; value: CryptoKey };
  collections: { key: string; value: { id: string; createdAt: number; sealed: Sealed } };
  notes: { key: [string, number]; value: Sealed };
  jobs: { key: string; value: JobRecord };
  results: { key: [string, number]; value: Sealed };
  /** A collection's search index: sentence offsets (JSON) and their embedding vectors (raw float32). */
  embeddings: { key: string; value: { refs: Sealed; vectors: Sealed } };
}

/** Raised when the browser refuses to store more: what was saved before stays. */
export class StorageFullError extends Error {
  constructor(saved: string) {
    super(`This device's storage for the app is full. ${saved} Free some space (or delete a collection) and resume.`);
    this.name = 'StorageFullError';
  }
}

function isQuotaError(err: unknown): boolean {
  return err instanceof DOMException && (err.name === 'QuotaExceededError' || err.code === 22);
}

const NOTE_WRITE_BATCH = 200;

export class CollectionsDb {
  private constructor(
    private readonly db: IDBPDatabase<Schema>,
    private readonly box: CryptoBox,
  ) {}

  static async open(): Promise<CollectionsDb> {
    const db = await openDB<Schema>(DB_NAME, 2, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('keys');
          db.createObjectStore('collections', { keyPath: 'id' });
          db.createObjectStore('notes');
          db.createObjectStore('jobs', { keyPath: 'id' });
          db.createObjectStore('results');
        }
        if (oldVersion < 2) db.createObjectStore('embeddings');
      },
    });
    let key = await db.get('keys', KEY_ID);
    if (!key) {
      key = await newStorageKey();
      await db.put('keys', key, KEY_ID);
    }
    return new CollectionsDb(db, new CryptoBox(key));
  }

  close(): void {
    this.db.close();
  }

  /** Stores the notes first, then the collection's record: a half-written import is never listed. */
  async addCollection(
    name: string,
    notes: readonly StoredNote[],
    skipped: CollectionMeta['skipped'],
  ): Promise<CollectionMeta> {
    const meta: CollectionMeta = { id: crypto.randomUUID(), name, count: notes.length, createdAt: Date.now(), skipped };
    try {
      for (let from = 0; from < notes.length; from += NOTE_WRITE_BATCH) {
        // Seal before the transaction: an await on WebCrypto inside it would let it commit early.
        const sealed = await this.box.sealAll(notes.slice(from, from + NOTE_WRITE_BATCH));
        const tx = this.db.transaction('notes', 'readwrite');
        sealed.forEach((s, i) => void tx.store.put(s, [meta.id, from + i]));
        await tx.done;
      }
      const record = { id: meta.id, createdAt: meta.createdAt, sealed: await this.box.seal(meta) };
      await this.db.put('collections', record);
    } catch (err) {
      await this.deleteRange('notes', meta.id).catch(() => undefined);
      if (isQuotaError(err)) throw new StorageFullError('The import was not kept; earlier collections are unchanged.');
      throw err;
    }
    return meta;
  }

  async collections(): Promise<CollectionMeta[]> {
    const records = await this.db.getAll('collections');
    const metas = await Promise.all(records.map((r) => this.box.open<CollectionMeta>(r.sealed)));
    return metas.sort((a, b) => b.createdAt - a.createdAt);
  }

  async notes(collectionId: string): Promise<StoredNote[]> {
    const sealed = await this.db.getAll('notes', this.range(collectionId));
    return Promise.all(sealed.map((s) => this.box.open<StoredNote>(s)));
  }

  async deleteCollection(collectionId: string): Promise<void> {
    for (const job of await this.jobs(collectionId)) await this.deleteJob(job.id);
    await this.deleteRange('notes', collectionId);
    await this.db.delete('embeddings', collectionId);
    await this.db.delete('collections', collectionId);
  }

  async addJob(collectionId: string, tasks: string[], total: number): Promise<JobRecord> {
    const job: JobRecord = {
      id: crypto.randomUUID(),
      collectionId,
      tasks,
      status: 'running',
      done: 0,
      total,
      createdAt: Date.now(),
    };
    await this.db.put('jobs', job);
    return job;
  }

  async jobs(collectionId?: string): Promise<JobRecord[]> {
    const all = await this.db.getAll('jobs');
    return all
      .filter((j) => !collectionId || j.collectionId === collectionId)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async setJobStatus(jobId: string, status: JobStatus, error?: string): Promise<JobRecord | undefined> {
    const tx = this.db.transaction('jobs', 'readwrite');
    const job = await tx.store.get(jobId);
    if (job) {
      job.status = status;
      if (error) job.error = error;
      else delete job.error;
      await tx.store.put(job);
    }
    await tx.done;
    return job;
  }

  /** Indices of the notes whose result is saved: a resumed job skips exactly these. */
  async doneIndices(jobId: string): Promise<Set<number>> {
    const keys = await this.db.getAllKeys('results', this.range(jobId));
    return new Set(keys.map((k) => k[1]));
  }

  /**
   * Saves results (note index → result) and the job's progress in one transaction: both or neither.
   * `done` is recounted from the stored keys, so a result written twice is never counted twice.
   */
  async saveResults(jobId: string, results: ReadonlyMap<number, unknown>): Promise<JobRecord> {
    const entries = [...results];
    const sealed = await this.box.sealAll(entries.map(([, r]) => r));
    const tx = this.db.transaction(['results', 'jobs'], 'readwrite');
    try {
      const results = tx.objectStore('results');
      entries.forEach(([index], i) => void results.put(sealed[i], [jobId, index]));
      const jobs = tx.objectStore('jobs');
      const job = await jobs.get(jobId);
      if (!job) throw new Error('This job was deleted.');
      job.done = await results.count(this.range(jobId));
      if (job.done >= job.total && job.status === 'running') job.status = 'done';
      await jobs.put(job);
      await tx.done;
      return job;
    } catch (err) {
      tx.abort();
      await tx.done.catch(() => undefined);
      const job = await this.db.get('jobs', jobId);
      if (isQuotaError(err) || isQuotaError(tx.error)) {
        throw new StorageFullError(`The ${job?.done ?? 0} results saved before are kept.`);
      }
      throw err;
    }
  }

  async results<T>(jobId: string): Promise<Map<number, T>> {
    const range = this.range(jobId);
    const [keys, sealed] = await Promise.all([this.db.getAllKeys('results', range), this.db.getAll('results', range)]);
    const values = await Promise.all(sealed.map((s) => this.box.open<T>(s)));
    return new Map(keys.map((k, i) => [k[1], values[i]]));
  }

  async deleteJob(jobId: string): Promise<void> {
    await this.deleteRange('results', jobId);
    await this.db.delete('jobs', jobId);
  }

  async saveEmbeddings(collectionId: string, refs: unknown, vectors: Float32Array): Promise<void> {
    const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    const record = { refs: await this.box.seal(refs), vectors: await this.box.sealBytes(bytes) };
    try {
      await this.db.put('embeddings', record, collectionId);
    } catch (err) {
      if (isQuotaError(err)) throw new StorageFullError('The search index was not kept; the notes and results are.');
      throw err;
    }
  }

  async embeddings<T>(collectionId: string): Promise<{ refs: T; vectors: Float32Array } | null> {
    const record = await this.db.get('embeddings', collectionId);
    if (!record) return null;
    const [refs, bytes] = await Promise.all([this.box.open<T>(record.refs), this.box.openBytes(record.vectors)]);
    return { refs, vectors: new Float32Array(bytes) };
  }

  private range(owner: string): IDBKeyRange {
    return IDBKeyRange.bound([owner, -Infinity], [owner, Infinity]);
  }

  private async deleteRange(store: 'notes' | 'results', owner: string): Promise<void> {
    await this.db.delete(store, this.range(owner));
  }
}

/** Removes the whole database (key included): nothing sealed or clear stays behind. */
export async function deleteCollectionsDb(db: CollectionsDb | null): Promise<void> {
  db?.close();
  await deleteDB(DB_NAME, { blocked: () => undefined });
}
