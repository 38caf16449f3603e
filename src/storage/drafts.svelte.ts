// Drafts of the single-text views, kept across reloads only when the user turns that on (off by
// default). A draft is sealed with the data key in the `drafts` store, so the disk holds only
// ciphertext; turning drafts off deletes them all, and Wipe all local data deletes the database.
import { isQuotaError } from './storage-full.ts';
import { vault } from './vault.svelte.ts';

/** localStorage key of the on/off choice (a setting, not text: the wipe keeps it). */
export const DRAFTS_SETTING = 'medtext.keep-drafts';
/** Typing pauses this long before the draft is sealed and saved. */
const SAVE_AFTER_MS = 400;

function readSetting(): boolean {
  try {
    return localStorage.getItem(DRAFTS_SETTING) === 'on';
  } catch {
    return false;
  }
}

class DraftSettings {
  enabled = $state(readSetting());

  /** Turning drafts off deletes every stored draft at once. */
  async setEnabled(on: boolean): Promise<void> {
    this.enabled = on;
    if (on) localStorage.setItem(DRAFTS_SETTING, 'on');
    else {
      localStorage.removeItem(DRAFTS_SETTING);
      // Where local storage cannot be opened at all, no draft was stored either.
      await deleteAllDrafts().catch(() => undefined);
    }
  }
}

export const drafts = new DraftSettings();

export function loadDraft(id: string): Promise<string | null> {
  return vault.use(async (db, box) => {
    const sealed = await db.get('drafts', id);
    return sealed ? box.open<string>(sealed) : null;
  });
}

/** Saves `text` as the draft `id` (an empty text deletes it). */
export function saveDraft(id: string, text: string): Promise<void> {
  return vault.use(async (db, box) => {
    if (text) await db.put('drafts', await box.seal(text), id);
    else await db.delete('drafts', id);
  });
}

/** Needs no key, so it works while the passphrase lock is on too. */
export async function deleteAllDrafts(): Promise<void> {
  const db = await vault.start();
  await vault.whileKeyStays(() => db.clear('drafts'));
}

/**
 * Keeps a text input's value as the draft `id()` while drafts are on: restores the stored one once
 * (only into an empty input, so nothing typed is overwritten), then saves each change after a
 * pause. Call during a component's initialisation; `message` says what happened to the draft.
 */
export function keepDraft(
  id: () => string,
  read: () => string,
  write: (text: string) => void,
): { readonly message: string } {
  let restored = $state(false);
  let saved = $state<'idle' | 'saved' | 'full' | 'failed'>('idle');

  $effect(() => {
    if (!drafts.enabled) {
      restored = false;
      return;
    }
    let current = true;
    loadDraft(id()).then(
      (text) => {
        if (!current) return;
        if (text && !read()) write(text);
        restored = true;
      },
      () => current && (saved = 'failed'),
    );
    return () => (current = false);
  });

  $effect(() => {
    const text = read();
    const key = id();
    if (!drafts.enabled || !restored) return;
    const timer = setTimeout(() => {
      saveDraft(key, text).then(
        // An emptied input deletes its draft: nothing is kept, so nothing to report.
        () => (saved = text ? 'saved' : 'idle'),
        (err) => (saved = isQuotaError(err) ? 'full' : 'failed'),
      );
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  });

  return {
    get message() {
      if (!drafts.enabled) return '';
      if (vault.state === 'locked') return 'Your saved draft stays locked until you enter your passphrase.';
      if (saved === 'full') return "Draft not saved: your browser's storage for this site is full.";
      if (saved === 'failed') return 'Draft not saved: local storage could not be used.';
      return saved === 'saved' ? 'Draft kept on this device (encrypted).' : '';
    },
  };
}
