// Checks on what the clinician pasted or dropped, before any model is called.

/** Above this the analysis still runs, but the user is told it will take a while. */
export const LONG_TEXT_CHARS = 200_000;
/** Hard limit for pasted text and dropped files alike. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

export type TextCheck = { ok: false; message: string } | { ok: true; warning?: string };

/** UTF-8 size without allocating an encoded copy of a long note. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `what` names the input in messages, e.g. "a note" or "the source sentence". */
export function checkText(text: string, what = 'some text'): TextCheck {
  if (text.trim().length === 0) return { ok: false, message: `Please paste or type ${what} first.` };
  // Cheap upper bound first: most notes are far below the limit.
  if (text.length * 3 > MAX_TEXT_BYTES && utf8Length(text) > MAX_TEXT_BYTES) {
    return {
      ok: false,
      message: `This text is ${formatBytes(utf8Length(text))}; the limit is ${formatBytes(MAX_TEXT_BYTES)}. Please split it into smaller parts.`,
    };
  }
  if (text.length > LONG_TEXT_CHARS) {
    return {
      ok: true,
      warning: `This is a long text (${text.length.toLocaleString('en')} characters). Analysis on this device may take a while.`,
    };
  }
  return { ok: true };
}

/** The "this will take a while" note for text that is long but allowed, if any. */
export function textWarning(text: string): string | undefined {
  const check = checkText(text);
  return check.ok ? check.warning : undefined;
}

/** Candidate sentences: one per line, blank lines and surrounding spaces dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
