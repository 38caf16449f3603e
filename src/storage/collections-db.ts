// The collections store in IndexedDB (through `idb`): collections, their notes, batch jobs and
// their results. Every record that holds patient text (note text, IDs, file names, results) is
// sealed with AES-GCM (crypto-box.ts); only numbers and random IDs stay in the clear, as keys.
// A result is written in the same transaction as its job's progress, so after a crash or reload
// a job's saved results and its `done` count always agree (no row lost, none done twice).
import { deleteDB } from 'idb';
import type { CryptoBox } from './crypto-box.ts';
import { DB_NAME, type JobRecord, type JobStatus, type LocalDb } from './local-db.ts';
import { isQuotaError, saveWithinQuota, StorageFullError } from './storage-full.ts';
import { vault } from './vault.svelte.ts';

export { DB_NAME, StorageFullError, type JobRecord, type JobStatus };

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

const NOTE_WRITE_BATCH = 200;

export class CollectionsDb {
  private constructor(private readonly db: LocalDb) {}

  /** The store, once the vault is open (after the passphrase, when one locks it). */
  static async open(): Promise<CollectionsDb> {
    const { db } = await vault.whenOpen();
    return new CollectionsDb(db);
  }

  close(): void {
    vault.close();
  }

  /** Runs `fn` with the data key; a key change waits for it (and it for a key change). */
  private sealed<T>(fn: (box: CryptoBox) => Promise<T>): Promise<T> {
    return vault.use((_, box) => fn(box));
  }

  /**
   * Stores the notes first, then the collection's record: a half-written import is never listed.
   * When the browser's storage fills up, the notes saved so far are kept as the collection (the
   * rest listed as skipped) and StorageFullError says how many.
   */
  async addCollection(
    name: string,
    notes: readonly StoredNote[],
    skipped: CollectionMeta['skipped'],
  ): Promise<CollectionMeta> {
    const meta: CollectionMeta = { id: crypto.randomUUID(), name, count: notes.length, createdAt: Date.now(), skipped };
    let saved = 0;
    try {
      await this.sealed(async (box) => {
        for (; saved < notes.length; saved += NOTE_WRITE_BATCH) {
          // Seal before the transaction: an await on WebCrypto inside it would let it commit early.
          const batch = await box.sealAll(notes.slice(saved, saved + NOTE_WRITE_BATCH));
          const tx = this.db.transaction('notes', 'readwrite');
          await inTransaction(tx, () => batch.forEach((s, i) => void tx.store.put(s, [meta.id, saved + i])));
        }
      });
    } catch (err) {
      if (!isQuotaError(err) || saved === 0) {
        await this.deleteRange('notes', meta.id).catch(() => undefined);
        throw isQuotaError(err) ? new StorageFullError(0, 'then import again') : err;
      }
      meta.count = saved;
      meta.skipped = [
        ...skipped,
        {
          where: `notes ${saved + 1}–${notes.length}`,
          reason: "not stored: the browser's storage for this site was full",
        },
      ];
    }
    try {
      await this.sealed(async (box) =>
        this.db.put('collections', { id: meta.id, createdAt: meta.createdAt, sealed: await box.seal(meta) }),
      );
    } catch (err) {
      await this.deleteRange('notes', meta.id).catch(() => undefined);
      throw isQuotaError(err) ? new StorageFullError(0, 'then import again') : err;
    }
    if (meta.count < notes.length)
      throw new StorageFullError(meta.count, `then import the other ${notes.length - meta.count} again`);
    return meta;
  }

  async collections(): Promise<CollectionMeta[]> {
    const metas = await this.sealed(async (box) => {
      const records = await this.db.getAll('collections');
      return Promise.all(records.map((r) => box.open<CollectionMeta>(r.sealed)));
    });
    return metas.sort((a, b) => b.createdAt - a.createdAt);
  }

  notes(collectionId: string): Promise<StoredNote[]> {
    return this.sealed(async (box) => {
      const sealed = await this.db.getAll('notes', this.range(collectionId));
      return Promise.all(sealed.map((s) => box.open<StoredNote>(s)));
    });
  }

  /** Under the key lock too: a key change running meanwhile would otherwise write the records back. */
  deleteCollection(collectionId: string): Promise<void> {
    return this.sealed(async () => {
      for (const job of await this.jobs(collectionId)) await this.removeJob(job.id);
      await this.deleteRange('notes', collectionId);
      await this.db.delete('embeddings', collectionId);
      await this.db.delete('collections', collectionId);
    });
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
   * A full disk keeps every result saved before and raises StorageFullError with their count.
   */
  async saveResults(jobId: string, results: ReadonlyMap<number, unknown>): Promise<JobRecord> {
    const entries = [...results];
    const saveBoth = () =>
      this.sealed(async (box) => {
        const sealed = await box.sealAll(entries.map(([, r]) => r));
        const tx = this.db.transaction(['results', 'jobs'], 'readwrite');
        let job: JobRecord | undefined;
        await inTransaction(tx, async () => {
          const results = tx.objectStore('results');
          entries.forEach(([index], i) => void results.put(sealed[i], [jobId, index]));
          const jobs = tx.objectStore('jobs');
          job = await jobs.get(jobId);
          if (!job) throw new Error('This job was deleted.');
          job.done = await results.count(this.range(jobId));
          if (job.done >= job.total && job.status === 'running') job.status = 'done';
          await jobs.put(job);
        });
        return job!;
      });
    return saveWithinQuota(saveBoth, async () => (await this.doneIndices(jobId)).size);
  }

  results<T>(jobId: string): Promise<Map<number, T>> {
    const range = this.range(jobId);
    return this.sealed(async (box) => {
      const [keys, sealed] = await Promise.all([
        this.db.getAllKeys('results', range),
        this.db.getAll('results', range),
      ]);
      const values = await Promise.all(sealed.map((s) => box.open<T>(s)));
      return new Map(keys.map((k, i) => [k[1], values[i]]));
    });
  }

  deleteJob(jobId: string): Promise<void> {
    return this.sealed(() => this.removeJob(jobId));
  }

  private async removeJob(jobId: string): Promise<void> {
    await this.deleteRange('results', jobId);
    await this.db.delete('jobs', jobId);
  }

  async saveEmbeddings(collectionId: string, refs: unknown, vectors: Float32Array): Promise<void> {
    const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    const saveIndex = () =>
      this.sealed(async (box) => {
        const record = { refs: await box.seal(refs), vectors: await box.sealBytes(bytes) };
        await this.db.put('embeddings', record, collectionId);
      });
    // Every note is stored; only the index is not.
    const notes = async () => (await this.collections()).find((c) => c.id === collectionId)?.count ?? 0;
    await saveWithinQuota(saveIndex, notes, 'then search again (the search index was not saved)');
  }

  embeddings<T>(collectionId: string): Promise<{ refs: T; vectors: Float32Array } | null> {
    return this.sealed(async (box) => {
      const record = await this.db.get('embeddings', collectionId);
      if (!record) return null;
      const [refs, bytes] = await Promise.all([box.open<T>(record.refs), box.openBytes(record.vectors)]);
      return { refs, vectors: new Float32Array(bytes) };
    });
  }

  private range(owner: string): IDBKeyRange {
    return IDBKeyRange.bound([owner, -Infinity], [owner, Infinity]);
  }

  private async deleteRange(store: 'notes' | 'results', owner: string): Promise<void> {
    await this.db.delete(store, this.range(owner));
  }
}

/**
 * Runs `queue` (which issues the transaction's requests) and waits for `tx` to commit. A request
 * that throws at once, or any failure, aborts the whole transaction: nothing of it is kept.
 */
async function inTransaction(
  tx: { abort(): void; done: Promise<void>; error: DOMException | null },
  queue: () => unknown,
): Promise<void> {
  try {
    await queue();
    await tx.done;
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // Already aborted (the failed request did it) or committed.
    }
    await tx.done.catch(() => undefined);
    // A request refused for quota aborts the transaction; later requests then fail as aborted.
    throw isQuotaError(tx.error) ? tx.error : err;
  }
}

/** Removes the whole database (key included): nothing sealed or clear stays behind. */
export async function deleteCollectionsDb(db: CollectionsDb | null): Promise<void> {
  db?.close();
  vault.close();
  await deleteDB(DB_NAME, { blocked: () => undefined });
}
