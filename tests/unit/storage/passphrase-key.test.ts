import { describe, expect, it } from 'vitest';
import { CryptoBox } from '../../../src/storage/crypto-box.ts';
import {
  newPassphraseKey,
  PBKDF2_ITERATIONS,
  unlockPassphraseKey,
  WrongPassphraseError,
} from '../../../src/storage/passphrase-key.ts';

// A low count keeps the derivations quick here; the first test runs the shipped count.
const FAST = 1_000;

describe('passphrase key', () => {
  it('derives with PBKDF2-SHA-256 at no fewer than 310,000 iterations by default, with a random salt', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
    const a = await newPassphraseKey('correct horse battery');
    const b = await newPassphraseKey('correct horse battery');
    expect(a.record.iterations).toBe(PBKDF2_ITERATIONS);
    expect(a.record.salt).toHaveLength(16);
    expect(a.record.salt).not.toEqual(b.record.salt);
    // Same passphrase, different salt and data key: different stored bytes.
    expect(new Uint8Array(a.record.wrapped)).not.toEqual(new Uint8Array(b.record.wrapped));
  });

  it('opens data sealed under it only with the right passphrase; the key never becomes readable', async () => {
    const { key, record } = await newPassphraseKey('ZQX right passphrase', FAST);
    expect(key.extractable).toBe(false);
    const sealed = await new CryptoBox(key).seal({ text: 'ZQXPATIENT denies chest pain.' });

    const unlocked = await unlockPassphraseKey(record, 'ZQX right passphrase');
    expect(unlocked.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', unlocked)).rejects.toThrow();
    expect(await new CryptoBox(unlocked).open(sealed)).toEqual({ text: 'ZQXPATIENT denies chest pain.' });

    await expect(unlockPassphraseKey(record, 'ZQX wrong passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockPassphraseKey(record, 'ZQX wrong passphrase')).rejects.toThrow(/not the one/);
  });

  it('stores neither the passphrase nor the raw key in the clear', async () => {
    const passphrase = 'ZQXSECRETPHRASE';
    const { record } = await newPassphraseKey(passphrase, FAST);
    const stored = JSON.stringify({ ...record, salt: [...record.salt], wrapped: [...new Uint8Array(record.wrapped)] });
    expect(stored).not.toContain(passphrase);
    // 32 key bytes plus the 16-byte GCM tag: the key is stored only encrypted and authenticated.
    expect(record.wrapped.byteLength).toBe(48);
  });

  it('refuses a stored record that was altered', async () => {
    const { record } = await newPassphraseKey('ZQX passphrase', FAST);
    const wrapped = new Uint8Array(record.wrapped.slice(0));
    wrapped[5] ^= 1;
    await expect(unlockPassphraseKey({ ...record, wrapped: wrapped.buffer }, 'ZQX passphrase')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });
});
