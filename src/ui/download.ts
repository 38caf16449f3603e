// Saves generated text as a file on this device: a Blob and an object URL, no network.
export function downloadText(filename: string, content: string, mime: string): void {
  downloadBlob(filename, new Blob([content], { type: mime }));
}

/** Saves a Blob (e.g. a zip built in the page) as a file. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name that sorts by time and is valid everywhere: `prefix-2026-11-26T23-59-01.ext`. */
export function timestampedName(prefix: string, ext: string, now = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.${ext}`;
}
