// The app's one IndexedDB database: its stores and their versions. Every store except `keys` and
// `jobs` holds only sealed values (crypto-box.ts); `keys` holds the data key, either as a
// non-extractable CryptoKey or wrapped by the passphrase (passphrase-key.ts).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Sealed } from './crypto-box.ts';
import type { WrappedKey } from './passphrase-key.ts';

export const DB_NAME = 'medtext-collections';
export const KEY_ID = 'storage-key';

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

export interface LocalSchema extends DBSchema {
  keys: { key: string; value: CryptoKey | WrappedKey };
  collections: { key: string; value: { id: string; createdAt: number; sealed: Sealed } };
  notes: { key: [string, number]; value: Sealed };
  jobs: { key: string; value: JobRecord };
  results: { key: [string, number]; value: Sealed };
  /** A collection's search index: sentence offsets (JSON) and their embedding vectors (raw float32). */
  embeddings: { key: string; value: { refs: Sealed; vectors: Sealed } };
  /** A single-text view's draft, by the view's input id (only when the user keeps drafts). */
  drafts: { key: string; value: Sealed };
}

export type LocalDb = IDBPDatabase<LocalSchema>;

/** The stores whose values are sealed with the data key: re-encrypted when that key changes. */
export const SEALED_STORES = ['collections', 'notes', 'results', 'embeddings', 'drafts'] as const;

/** Opens (creating or upgrading) the database; `onClosing` runs when a wipe elsewhere needs it closed. */
export function openLocalDb(onClosing: () => void): Promise<LocalDb> {
  return openDB<LocalSchema>(DB_NAME, 3, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('keys');
        db.createObjectStore('collections', { keyPath: 'id' });
        db.createObjectStore('notes');
        db.createObjectStore('jobs', { keyPath: 'id' });
        db.createObjectStore('results');
      }
      if (oldVersion < 2) db.createObjectStore('embeddings');
      if (oldVersion < 3) db.createObjectStore('drafts');
    },
    // Another tab deleting or upgrading the database: let it, and open again when next needed.
    blocking: onClosing,
    terminated: onClosing,
  });
}
