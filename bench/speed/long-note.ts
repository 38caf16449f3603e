// The long-note input: whole MTSamples notes, one paragraph each, joined until the text reaches a
// size, then cut at the last whitespace before it (a clinician pasting a long record).
import { readTsv } from '../eval/tsv.ts';

/** The bench's long note: about 200 KB, some 31,000 words. */
export const LONG_NOTE_CHARS = 200_000;
/** The large note: 2,000,000 characters (2 MB), within the app's stated 2.0 MB (2 MiB) limit. */
export const LARGE_NOTE_CHARS = 2_000_000;

/** Notes joined by blank lines up to `chars` characters (every MTSamples note is ASCII: 1 char = 1 byte). */
export function buildLongNote(notes: readonly string[], chars: number): string {
  if (notes.length === 0) throw new Error('buildLongNote: no notes');
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const note = notes[i % notes.length];
    parts.push(note);
    length += note.length + 2;
  }
  const joined = parts.join('\n\n');
  if (joined.length <= chars) return joined;
  const cut = joined.lastIndexOf(' ', chars);
  return joined.slice(0, cut > 0 ? cut : chars);
}

export function longNoteFromFile(file: string, chars: number): string {
  return buildLongNote(
    readTsv(file).map((r) => r.text),
    chars,
  );
}
