import { describe, expect, it } from 'vitest';
import { CryptoBox, newStorageKey } from '../../../src/storage/crypto-box.ts';
import { isSealed, resealRecord } from '../../../src/storage/reseal.ts';

describe('resealRecord', () => {
  it('re-encrypts every sealed value under the new key and copies the clear fields as they are', async () => {
    const from = new CryptoBox(await newStorageKey());
    const to = new CryptoBox(await newStorageKey());
    const meta = { id: 'c1', name: 'ZQX clinic notes', count: 2 };
    const vectors = new Float32Array([0.25, -1.5, 3]);
    const collection = { id: 'c1', createdAt: 42, sealed: await from.seal(meta) };
    const embeddings = {
      refs: await from.seal([[0, 0, 10]]),
      vectors: await from.sealBytes(new Uint8Array(vectors.buffer)),
    };

    const [newCollection, newEmbeddings] = await Promise.all([
      resealRecord(collection, from, to),
      resealRecord(embeddings, from, to),
    ]);

    expect(newCollection.id).toBe('c1');
    expect(newCollection.createdAt).toBe(42);
    expect(await to.open(newCollection.sealed)).toEqual(meta);
    expect(await to.open(newEmbeddings.refs)).toEqual([[0, 0, 10]]);
    expect(new Float32Array(await to.openBytes(newEmbeddings.vectors))).toEqual(vectors);
    // The old key opens nothing any more: the records are really re-encrypted, not copied.
    await expect(from.open(newCollection.sealed)).rejects.toThrow();
    await expect(from.openBytes(newEmbeddings.vectors)).rejects.toThrow();
  });

  it('re-encrypts a record that is itself sealed, and fails on one the old key did not seal', async () => {
    const from = new CryptoBox(await newStorageKey());
    const to = new CryptoBox(await newStorageKey());
    const note = await from.seal({ id: 'n1', text: 'ZQXPATIENT seen today.' });
    const resealed = await resealRecord(note, from, to);
    expect(isSealed(resealed)).toBe(true);
    expect(await to.open(resealed)).toEqual({ id: 'n1', text: 'ZQXPATIENT seen today.' });
    // Resealing with the wrong source key fails instead of storing garbage.
    await expect(resealRecord(resealed, from, to)).rejects.toThrow();
  });
});
