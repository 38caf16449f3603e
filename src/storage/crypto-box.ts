// Seals values stored on this device with AES-GCM (WebCrypto). The key is generated here as
// non-extractable: script can use it but never read its bytes, so a copy of the stored records
// (a backup, a disk image, another profile) is ciphertext without this browser's key store.
const IV_BYTES = 12;

/** A sealed value as stored: a fresh random IV per record, and the ciphertext (tag included). */
export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

export function newStorageKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export class CryptoBox {
  constructor(private readonly key: CryptoKey) {}

  async seal(value: unknown): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const plain = new TextEncoder().encode(JSON.stringify(value));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, this.key, plain);
    return { iv, data };
  }

  /** The value back; throws when the record was altered or sealed with another key. */
  async open<T>(sealed: Sealed): Promise<T> {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv as BufferSource },
      this.key,
      sealed.data,
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  }

  /** Seals raw bytes (e.g. embedding vectors) without a JSON round trip. */
  async sealBytes(bytes: Uint8Array): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource },
      this.key,
      bytes as BufferSource,
    );
    return { iv, data };
  }

  async openBytes(sealed: Sealed): Promise<ArrayBuffer> {
    return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, this.key, sealed.data);
  }

  /** Seals many values; WebCrypto runs off the main thread, so this does not block the page. */
  sealAll(values: readonly unknown[]): Promise<Sealed[]> {
    return Promise.all(values.map((v) => this.seal(v)));
  }
}
