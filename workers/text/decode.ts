// Decodes a text file's bytes, shared by the command line (cli/inputs.ts) and the browser's
// collection import (src/views/collections/): UTF-8 when valid, else Windows-1252.

/**
 * Decodes a file's bytes: UTF-8 when valid (a BOM is kept, so offsets are those of the file's own
 * text), else Windows-1252, the usual encoding of older exports; binary content is refused.
 */
export function decodeText(bytes: Uint8Array, name: string): { text: string; encoding: string } {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) throw new Error(`${name}: this looks like a binary file, not text.`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
