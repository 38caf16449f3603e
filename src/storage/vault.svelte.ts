// The local database and the key that seals it, shared by collections and drafts. With the
// passphrase lock on, the vault opens "locked" after a reload: stored records wait (whenOpen)
// until unlock() is given the passphrase. Sealing writes take a shared Web Lock and a key change
// an exclusive one, so no record is ever sealed with a key that is being replaced (in any tab);
// other tabs are told of the change and reload the key (or lock) before their next write.
import { CryptoBox, newStorageKey } from './crypto-box.ts';
import { KEY_ID, openLocalDb, SEALED_STORES, type LocalDb } from './local-db.ts';
import { isWrappedKey, newPassphraseKey, unlockPassphraseKey, type WrappedKey } from './passphrase-key.ts';
import { resealRecord } from './reseal.ts';

export type VaultState = 'closed' | 'locked' | 'open' | 'failed';

const LOCK_NAME = 'medtext-storage-key';
const CHANNEL_NAME = 'medtext-storage-key';

function withLock<T>(mode: LockMode, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(LOCK_NAME, { mode }, fn) : fn();
}

class Vault {
  state = $state<VaultState>('closed');
  /** Whether the passphrase lock is on (known once the vault has started). */
  passphraseOn = $state(false);
  /** Why the database could not be opened. */
  error = $state<string | null>(null);

  #db: LocalDb | null = null;
  #box: CryptoBox | null = null;
  #starting: Promise<LocalDb> | null = null;
  #waiters: (() => void)[] = [];
  #channel: BroadcastChannel | null = null;

  /** Opens the database (creating it and a device key on first use); stays locked under a passphrase. */
  start(): Promise<LocalDb> {
    this.#starting ??= this.#open().catch((err: Error) => {
      this.#starting = null;
      this.state = 'failed';
      this.error = `Local storage could not be opened (${err.message}). Private windows of some browsers do not allow it.`;
      throw err;
    });
    return this.#starting;
  }

  async #open(): Promise<LocalDb> {
    const db = await openLocalDb(() => this.close());
    let stored = await db.get('keys', KEY_ID);
    if (!stored) {
      stored = await newStorageKey();
      await db.put('keys', stored, KEY_ID);
    }
    this.#db = db;
    this.#useKey(stored);
    this.#listen();
    return db;
  }

  #useKey(stored: CryptoKey | WrappedKey): void {
    this.passphraseOn = isWrappedKey(stored);
    if (isWrappedKey(stored)) {
      this.#box = null;
      this.state = 'locked';
    } else this.#setOpen(new CryptoBox(stored));
  }

  #setOpen(box: CryptoBox): void {
    this.#box = box;
    this.state = 'open';
    this.error = null;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** The database and key once the vault is open (after the passphrase, if one is set). */
  async whenOpen(): Promise<{ db: LocalDb; box: CryptoBox }> {
    for (;;) {
      const db = await this.start();
      if (this.#box && this.#db === db) return { db, box: this.#box };
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
  }

  /** Runs `fn` with the current key, which no key change replaces while it runs (seal, then write). */
  async use<T>(fn: (db: LocalDb, box: CryptoBox) => Promise<T>): Promise<T> {
    await this.whenOpen();
    return withLock('shared', async () => {
      const { db, box } = await this.whenOpen();
      return fn(db, box);
    });
  }

  /** Runs `fn` (a write that needs no key, e.g. a deletion) where no key change can undo it. */
  whileKeyStays<T>(fn: () => Promise<T>): Promise<T> {
    return withLock('shared', fn);
  }

  /** Opens a locked vault; throws WrongPassphraseError (and changes nothing) for a wrong passphrase. */
  async unlock(passphrase: string): Promise<void> {
    const db = await this.start();
    const stored = await db.get('keys', KEY_ID);
    if (!isWrappedKey(stored)) return this.#useKey(stored!);
    this.#setOpen(new CryptoBox(await unlockPassphraseKey(stored, passphrase)));
  }

  /** Turns the passphrase lock on: every stored record is re-encrypted under a key it wraps. */
  async setPassphrase(passphrase: string): Promise<void> {
    const { key, record } = await newPassphraseKey(passphrase);
    await this.#rekey(key, record);
    this.passphraseOn = true;
  }

  /** Turns the lock off: every stored record is re-encrypted under a new device key. */
  async removePassphrase(): Promise<void> {
    const key = await newStorageKey();
    await this.#rekey(key, key);
    this.passphraseOn = false;
  }

  /** Re-seals every record and stores the new key in one transaction: all under the new key, or none. */
  async #rekey(key: CryptoKey, stored: CryptoKey | WrappedKey): Promise<void> {
    await this.whenOpen();
    await withLock('exclusive', async () => {
      const { db, box } = await this.whenOpen();
      const next = new CryptoBox(key);
      const read = db.transaction([...SEALED_STORES], 'readonly');
      const contents = await Promise.all(
        SEALED_STORES.map(async (name) => {
          const store = read.objectStore(name);
          const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
          return { name, keys, values };
        }),
      );
      // Sealing awaits WebCrypto, which would let a transaction commit early: re-seal between the two.
      const resealed = await Promise.all(
        contents.map((c) => Promise.all(c.values.map((v) => resealRecord(v, box, next)))),
      );
      const write = db.transaction([...SEALED_STORES, 'keys'], 'readwrite');
      contents.forEach(({ name, keys }, s) => {
        const store = write.objectStore(name);
        // Stores with a key path take the key from the value; the others need it passed.
        resealed[s].forEach(
          (value, i) => void (store.keyPath ? store.put(value as never) : store.put(value as never, keys[i] as never)),
        );
      });
      void write.objectStore('keys').put(stored, KEY_ID);
      await write.done;
      this.#box = next;
    });
    this.#channel?.postMessage('rekeyed');
  }

  /** Another tab changed the key: take the new one, or lock until the passphrase is entered here too. */
  #listen(): void {
    if (this.#channel || typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(CHANNEL_NAME);
    this.#channel.onmessage = async () => {
      const stored = await this.#db?.get('keys', KEY_ID);
      if (stored) this.#useKey(stored);
    };
  }

  /** Closes the database (a wipe is deleting it); the next use opens a new one with a new key. */
  close(): void {
    this.#db?.close();
    this.#db = null;
    this.#box = null;
    this.#starting = null;
    this.passphraseOn = false;
    this.state = 'closed';
  }
}

export const vault = new Vault();
