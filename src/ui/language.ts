// Which language a text is mostly in, so that views can warn that the English-trained models will do
// worse on it. franc-min (trigram profiles of 82 languages, bundled, no network) ranks languages;
// clinical English full of abbreviations and drug lists often ranks French or Italian first by a
// hair, so a piece of text counts as foreign only where English trails the winner clearly, and a
// text is foreign when most of its judged pieces are. franc-min (~100 KB of trigram data) is
// imported on first use, so it is a chunk of its own that only long texts load (precached for
// offline use like the rest of the app).

/** Below this many letters a text (or a piece of one) is not judged: too few trigrams to tell. */
export const MIN_LETTERS = 80;
/**
 * English must score below this fraction of the winner's score (francAll's scale) for a piece to
 * count as foreign. francAll's gaps shrink as a text grows, so the margin holds only for pieces of
 * one size (PIECE_CHARS). Measured with franc-min 6.2.0 on pieces of 100–300 characters: of 2,000
 * English pieces (clinical_notes corpus and deid-notes dev), 30 ranked another language first,
 * all with English at 0.91 or more; 18 pieces of German, French and Spanish clinical letters put
 * English at 0.64–0.85.
 */
export const ENGLISH_MARGIN = 0.88;
/**
 * Texts are judged in pieces of about PIECE_CHARS characters, at most MAX_PIECES of them spread
 * over the text (franc-min takes a few milliseconds a piece).
 */
const PIECE_CHARS = 200;
export const MAX_PIECES = 16;

export interface LanguageGuess {
  /** ISO 639-3 code, e.g. 'deu'. */
  code: string;
  /** English name, e.g. 'German'. */
  name: string;
  /** Share of the judged letters in pieces of this language (0..1). */
  share: number;
}

export const letterCount = (text: string): number => text.match(/\p{L}/gu)?.length ?? 0;

/**
 * Whether `text` holds at least `min` letters, reading only as far as needed: letterCount of a 2 MB
 * note builds a million-entry array (~100 ms on the main thread) where a few hundred characters tell.
 */
export function hasLetters(text: string, min: number): boolean {
  let found = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) if (++found >= min) return true;
  return found >= min;
}

/**
 * Splits `text` at line breaks (else spaces) into pieces of about PIECE_CHARS characters and keeps
 * at most MAX_PIECES of them, evenly spread from the first to the last.
 */
export function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    if (rest.length <= PIECE_CHARS * 1.5) {
      out.push(rest);
      break;
    }
    const window = rest.slice(0, PIECE_CHARS * 1.5);
    let cut = window.lastIndexOf('\n', PIECE_CHARS * 1.5);
    if (cut < PIECE_CHARS / 2) cut = window.lastIndexOf(' ');
    if (cut < PIECE_CHARS / 2) cut = PIECE_CHARS;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (out.length <= MAX_PIECES) return out;
  const step = (out.length - 1) / (MAX_PIECES - 1);
  return Array.from({ length: MAX_PIECES }, (_, i) => out[Math.round(i * step)]);
}

export interface PieceVerdict {
  /** 'eng' or another ISO 639-3 code. */
  code: string;
  letters: number;
}

/** franc-min's ranking: [ISO 639-3 code, score relative to the best] pairs, best first. */
type Ranker = (text: string, options?: { minLength?: number }) => [string, number][];
let ranker: Promise<Ranker> | undefined;

/** The language of one piece, or undefined when the piece is too short to tell. */
function judgePiece(rank: Ranker, piece: string): PieceVerdict | undefined {
  const letters = letterCount(piece);
  if (letters < MIN_LETTERS) return undefined;
  const ranked = rank(piece, { minLength: 1 });
  const [top] = ranked[0] ?? ['und'];
  if (top === 'und' || top === 'eng') return { code: 'eng', letters };
  const english = ranked.find(([code]) => code === 'eng')?.[1] ?? 0;
  return { code: english < ENGLISH_MARGIN ? top : 'eng', letters };
}

/** Loads the detector (once) and gives the function that judges one piece with it. */
export async function loadDetector(): Promise<(piece: string) => PieceVerdict | undefined> {
  ranker ??= import('franc-min').then(
    (franc) => franc.francAll,
    (error: unknown) => {
      ranker = undefined; // try again next time
      throw error;
    },
  );
  const rank = await ranker;
  return (piece) => judgePiece(rank, piece);
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** An English name for an ISO 639-3 code ('deu' → 'German'); 'another language' when unknown. */
export function languageName(code: string): string {
  try {
    return displayNames.of(code) ?? 'another language';
  } catch {
    return 'another language';
  }
}

/**
 * The language most of the judged pieces are in, when that is not English: undefined for English,
 * for mixed text that is not mostly foreign, and when no piece could be judged.
 */
export function mostlyForeign(verdicts: readonly (PieceVerdict | undefined)[]): LanguageGuess | undefined {
  const letters = new Map<string, number>();
  let judged = 0;
  for (const verdict of verdicts) {
    if (!verdict) continue;
    judged += verdict.letters;
    letters.set(verdict.code, (letters.get(verdict.code) ?? 0) + verdict.letters);
  }
  let best: [string, number] | undefined;
  for (const entry of letters) if (entry[0] !== 'eng' && (!best || entry[1] > best[1])) best = entry;
  if (!best || judged === 0) return undefined;
  // "Mostly": more than half of what could be judged is not English.
  const foreign = judged - (letters.get('eng') ?? 0);
  if (foreign / judged <= 0.5) return undefined;
  return { code: best[0], name: languageName(best[0]), share: best[1] / judged };
}

/** mostlyForeign over `text`'s pieces, all at once (texts under MIN_LETTERS letters: undefined). */
export async function foreignLanguage(text: string): Promise<LanguageGuess | undefined> {
  const judge = await loadDetector();
  return mostlyForeign(pieces(text).map(judge));
}
