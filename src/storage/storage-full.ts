// The browser's storage quota for the site, said in words a clinician understands: what was kept
// and what to do. Raised instead of the browser's QuotaExceededError wherever the app saves.

/** Raised when the browser refuses to store more; `saved` notes (or results) stay stored. */
export class StorageFullError extends Error {
  constructor(
    readonly saved: number,
    next = 'then resume',
  ) {
    super(
      `Your browser's storage for this site is full: ${saved} ${saved === 1 ? 'note' : 'notes'} saved; free space or export, ${next}.`,
    );
    this.name = 'StorageFullError';
  }
}

/** QuotaExceededError as each browser raises it (by name, or legacy code 22). */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; code?: number } | null;
  return e?.name === 'QuotaExceededError' || (err instanceof DOMException && e?.code === 22);
}

/** Runs `save`; a quota refusal becomes StorageFullError with the count of what stays stored (`saved`). */
export async function saveWithinQuota<T>(
  save: () => Promise<T>,
  saved: () => Promise<number>,
  next?: string,
): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (!isQuotaError(err)) throw err;
    throw new StorageFullError(await saved(), next);
  }
}
