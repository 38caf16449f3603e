// Re-encrypts stored records from one key to another (turning the passphrase lock on or off).
// Works on bytes, so JSON-sealed values and raw ones (embedding vectors) are handled alike, and
// the fields kept in the clear (ids, dates, job counters) are copied as they are.
import type { CryptoBox, Sealed } from './crypto-box.ts';

export function isSealed(value: unknown): value is Sealed {
  const v = value as Partial<Sealed> | null;
  return v !== null && typeof v === 'object' && v.iv instanceof Uint8Array && v.data instanceof ArrayBuffer;
}

/** `record` with every sealed value in it (at any depth) opened with `from` and sealed again with `to`. */
export async function resealRecord<T>(record: T, from: CryptoBox, to: CryptoBox): Promise<T> {
  if (isSealed(record)) return (await to.sealBytes(new Uint8Array(await from.openBytes(record)))) as T;
  if (Array.isArray(record)) return (await Promise.all(record.map((v) => resealRecord(v, from, to)))) as T;
  if (record !== null && typeof record === 'object' && Object.getPrototypeOf(record) === Object.prototype) {
    const entries = await Promise.all(
      Object.entries(record).map(async ([k, v]) => [k, await resealRecord(v, from, to)] as const),
    );
    return Object.fromEntries(entries) as T;
  }
  return record;
}
