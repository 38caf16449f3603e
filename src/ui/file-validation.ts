// Decides whether a dropped or picked file is a plain-text note we can read. Pure: takes the
// file's name, size and first bytes, so it is testable without a DOM.
import { formatBytes, MAX_TEXT_BYTES } from './input-checks.ts';

export interface FileFacts {
  name: string;
  size: number;
  /** MIME type as reported by the browser; often empty for .txt on some systems. */
  type: string;
}

export type FileCheck = { ok: true } | { ok: false; message: string };

const TEXT_EXTENSIONS = ['.txt', '.text', '.md', '.csv', '.tsv', '.log'];
/** How many leading bytes are inspected for binary content. */
export const SNIFF_BYTES = 8192;

/** Metadata check, before reading anything. */
export function checkFileFacts(file: FileFacts): FileCheck {
  const name = file.name.toLowerCase();
  const textType = file.type === '' || file.type.startsWith('text/');
  const textName = TEXT_EXTENSIONS.some((ext) => name.endsWith(ext));
  if (!textName || !textType) {
    return {
      ok: false,
      message: `"${file.name}" is not a plain-text file. Please choose a .txt file (Word or PDF documents: copy and paste the text instead).`,
    };
  }
  if (file.size > MAX_TEXT_BYTES) {
    return {
      ok: false,
      message: `"${file.name}" is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_TEXT_BYTES)}.`,
    };
  }
  if (file.size === 0) return { ok: false, message: `"${file.name}" is empty.` };
  return { ok: true };
}

/**
 * Binary sniffing: NUL bytes, or many control characters, mean this is not text even if it is
 * named .txt. UTF-16 text (which has NULs) is rejected too; the message asks for UTF-8.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // Allowed controls: tab, LF, FF, CR, and ESC is rare but harmless in logs.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return control / n > 0.02;
}

/** Decodes as UTF-8; invalid sequences mean a binary or non-UTF-8 file. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (looksBinary(bytes)) {
    return { ok: false, message: 'This file does not contain plain text. Please choose a .txt file saved as UTF-8.' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    return { ok: false, message: 'This file is not UTF-8 text. Please save it as UTF-8 (plain text) and try again.' };
  }
}
