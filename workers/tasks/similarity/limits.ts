// What one "Compare sentences" run takes. Every comparison reads the whole source again (its
// n-grams, words and concepts), so a 100,000-character source cost ~40 ms per candidate and 12,800
// candidate lines did not finish in 400 s. The model reads only the source's first 128 word pieces;
// a longer source is cut, and a longer list is refused, both said in the view before the run.

/** Characters of the source that are compared; the rest is left out (at a word boundary). */
export const MAX_SOURCE_CHARS = 2_000;
/** Candidate sentences one run compares with the source. */
export const MAX_CANDIDATES = 5_000;

/** Where a cut source ends: at the last space in the final fifth of the limit, else at the limit. */
export function sourceCut(source: string): number {
  if (source.length <= MAX_SOURCE_CHARS) return source.length;
  let end = MAX_SOURCE_CHARS;
  // Never end between the two halves of a surrogate pair.
  if (/[\ud800-\udbff]/.test(source[end - 1])) end--;
  const space = source.lastIndexOf(' ', end);
  return space >= MAX_SOURCE_CHARS * 0.8 ? space : end;
}

/** The part of `source` that is compared. */
export function capSource(source: string): string {
  return source.slice(0, sourceCut(source)).trimEnd();
}

/** Why a list of `count` candidates is refused, or null when it is within the limit. */
export function candidateLimitMessage(count: number): string | null {
  if (count <= MAX_CANDIDATES) return null;
  return (
    `The list has ${count.toLocaleString('en')} sentences; one comparison takes up to ` +
    `${MAX_CANDIDATES.toLocaleString('en')}. Please split the list into smaller parts.`
  );
}
