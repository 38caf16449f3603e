// The actions an error offers (see errors.ts): Re-download purges the file from the service
// worker's Cache Storage and starts a fresh worker, which fetches and checks it again; Retry starts
// a fresh worker; Reload loads the page again.
import { engine } from './engine.ts';
import type { Recovery } from './errors.ts';

/** Deletes every cached copy of `path` (workbox keys precached files with a ?__WB_REVISION__ query). */
export async function purgeCached(path: string): Promise<number> {
  if (!globalThis.caches) return 0;
  let purged = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname.endsWith(`/${path}`) && (await cache.delete(request))) purged++;
    }
  }
  return purged;
}

export async function recover(recovery: Recovery): Promise<void> {
  if (recovery.action === 'reload') {
    location.reload();
    return;
  }
  if (recovery.action === 'redownload') await purgeCached(recovery.path);
  engine.restart();
  // A service worker whose install failed on the bad file installs again now that it is back.
  void navigator.serviceWorker
    ?.getRegistration()
    .then((registration) => registration?.update())
    .catch(() => undefined);
}
