import { describe, expect, it } from 'vitest';
import { CryptoBox, newStorageKey } from '../../../src/storage/crypto-box.ts';

describe('CryptoBox', () => {
  it('seals to ciphertext that holds none of the text, and opens it back', async () => {
    const box = new CryptoBox(await newStorageKey());
    const value = { id: 'ZQXPATIENT-1', text: 'ZQXPATIENT denies chest pain.' };
    const sealed = await box.seal(value);
    expect(new TextDecoder().decode(sealed.data)).not.toContain('ZQXPATIENT');
    expect(sealed.iv).toHaveLength(12);
    expect(await box.open(sealed)).toEqual(value);
  });

  it('uses a fresh IV per record and keeps its key unreadable', async () => {
    const key = await newStorageKey();
    const box = new CryptoBox(key);
    const [a, b] = await box.sealAll(['same', 'same']);
    expect(a.iv).not.toEqual(b.iv);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('refuses a record altered or sealed under another key', async () => {
    const box = new CryptoBox(await newStorageKey());
    const sealed = await box.seal('note');
    const altered = new Uint8Array(sealed.data.slice(0));
    altered[0] ^= 1;
    await expect(box.open({ iv: sealed.iv, data: altered.buffer })).rejects.toThrow();
    await expect(new CryptoBox(await newStorageKey()).open(sealed)).rejects.toThrow();
  });
});
