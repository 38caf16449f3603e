// What the app keeps on the device, read from inside the page: the e2e tests that check stored
// patient text is only ciphertext (collections, drafts, the passphrase lock) and that a wipe removes it.
import type { Page } from '@playwright/test';

/** Every string and byte buffer in every IndexedDB database, Cache Storage entry and Web Storage entry of the page. */
export async function localDataHolding(page: Page, marker: string) {
  return page.evaluate(async (needle) => {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const flatten = (value: unknown, out: string[]) => {
      if (typeof value === 'string') out.push(value);
      else if (value instanceof ArrayBuffer) out.push(decoder.decode(value));
      else if (ArrayBuffer.isView(value)) out.push(decoder.decode(value));
      else if (Array.isArray(value)) value.forEach((v) => flatten(v, out));
      else if (value && typeof value === 'object') Object.values(value).forEach((v) => flatten(v, out));
    };
    const found: string[] = [];
    let records = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store);
        const [keys, values] = await Promise.all(
          ['getAllKeys', 'getAll'].map(
            (method) =>
              new Promise<unknown[]>((resolve) => {
                const request = (tx.objectStore(store) as unknown as Record<string, () => IDBRequest>)[method]();
                request.onsuccess = () => resolve(request.result as unknown[]);
              }),
          ),
        );
        records += values.length;
        const strings: string[] = [];
        flatten([keys, values], strings);
        if (strings.some((s) => s.includes(needle))) found.push(`indexedDB ${name}/${store}`);
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        const body = await (await cache.match(request))!.arrayBuffer();
        if (request.url.includes(needle) || decoder.decode(body).includes(needle)) found.push(`cache ${cacheName}`);
      }
    }
    for (const [label, storage] of [
      ['localStorage', localStorage],
      ['sessionStorage', sessionStorage],
    ] as const) {
      for (const key of Object.keys(storage)) {
        if (key.includes(needle) || storage.getItem(key)!.includes(needle)) found.push(`${label} ${key}`);
      }
    }
    return { found, records };
  }, marker);
}
