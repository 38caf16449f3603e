// "Wipe all local data": removes everything on this device that can hold patient text: every
// IndexedDB database of the app's origin (collections, jobs, results, drafts and their key), every
// localStorage and sessionStorage entry except plain settings, and any Cache Storage cache that is
// not the app's own files or models (those hold no patient text and stay, so the app still works offline).
import { deleteCollectionsDb, type CollectionsDb } from './collections-db.ts';
import { DRAFTS_SETTING } from './drafts.svelte.ts';

/** localStorage keys that are settings, not text (e.g. the backend choice). */
const SETTINGS_KEYS = new Set(['medtext.backend', DRAFTS_SETTING]);
/** Caches of the service worker's precache, models and ONNX Runtime: app files only. */
const APP_CACHES = /workbox|precache|runtime|model|ort|transformers/i;

export interface WipeReport {
  databases: number;
  storageKeys: number;
  caches: number;
}

export async function wipeAllLocalData(db: CollectionsDb | null): Promise<WipeReport> {
  await deleteCollectionsDb(db);
  const others = (await indexedDB.databases?.()) ?? [];
  for (const { name } of others) {
    if (name) {
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
    }
  }
  let storageKeys = 0;
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) {
      if (SETTINGS_KEYS.has(key)) continue;
      storage.removeItem(key);
      storageKeys++;
    }
  }
  let caches = 0;
  if ('caches' in globalThis) {
    for (const name of await globalThis.caches.keys()) {
      if (APP_CACHES.test(name)) continue;
      await globalThis.caches.delete(name);
      caches++;
    }
  }
  return { databases: 1 + others.filter((d) => d.name).length, storageKeys, caches };
}
