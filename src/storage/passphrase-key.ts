// The optional passphrase lock. The data key (AES-GCM 256) is stored only wrapped by a key derived
// from the passphrase (PBKDF2-SHA-256 over a random salt), so after a reload the stored records
// cannot be opened until the passphrase is entered again. A wrong passphrase fails the GCM tag
// check of the unwrap, which is how it is told apart from the right one (no verifier is stored).

/** OWASP's current figure for PBKDF2-HMAC-SHA-256 (its floor is 310,000). */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

/** What is stored in place of the data key while the passphrase lock is on. */
export interface WrappedKey {
  kind: 'passphrase';
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  wrapped: ArrayBuffer;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('That passphrase is not the one that locks this data. Nothing was changed; try again.');
    this.name = 'WrongPassphraseError';
  }
}

export function isWrappedKey(value: unknown): value is WrappedKey {
  return (value as WrappedKey | undefined)?.kind === 'passphrase';
}

async function keyFromPassphrase(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

function unwrapWith(wrappingKey: CryptoKey, record: WrappedKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    record.wrapped,
    wrappingKey,
    { name: 'AES-GCM', iv: record.iv as BufferSource },
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * A new data key locked by `passphrase`: the record to store and the key to use now. The key is
 * extractable only for the moment it is wrapped; the one returned (and every unwrapped one) is not.
 */
export async function newPassphraseKey(
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ key: CryptoKey; record: WrappedKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const wrappingKey = await keyFromPassphrase(passphrase, salt, iterations);
  const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, {
    name: 'AES-GCM',
    iv: iv as BufferSource,
  });
  const record: WrappedKey = { kind: 'passphrase', salt, iterations, iv, wrapped };
  return { key: await unwrapWith(wrappingKey, record), record };
}

/** The data key locked in `record`; throws WrongPassphraseError for any other passphrase. */
export async function unlockPassphraseKey(record: WrappedKey, passphrase: string): Promise<CryptoKey> {
  const wrappingKey = await keyFromPassphrase(passphrase, record.salt, record.iterations);
  try {
    return await unwrapWith(wrappingKey, record);
  } catch {
    throw new WrongPassphraseError();
  }
}
