// The language check behind LanguageNotice: clinical snippets in English, German, French and Spanish,
// English shorthand that trigram detectors take for French or Italian, and the minimum length.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MAX_PIECES,
  MIN_LETTERS,
  foreignLanguage,
  hasLetters,
  languageName,
  loadDetector,
  pieces,
} from '../../../src/ui/language.ts';
import { sharedFile } from '../text/shared-data.ts';

const ENGLISH = [
  'History of present illness: 54-year-old woman with a three-day history of productive cough, fever to 38.9 C and ' +
    'pleuritic chest pain. She was started on azithromycin by her primary care physician without improvement.',
  'Assessment and plan: Community-acquired pneumonia, right lower lobe. Continue ceftriaxone and azithromycin, ' +
    'incentive spirometry, ambulate as tolerated. Follow up chest X-ray in six weeks.',
  // Shorthand, labs and drug lists: too few English words for a trigram profile to be sure.
  'CC: SOB x3d. HPI: 71M w/ hx CHF (EF 30%), AFib on apixaban, CKD3, p/w DOE, orthopnea, +3 pitting edema BLE. ' +
    'Wt up 4 kg. CXR: b/l effusions. BNP 1840. Plan: IV lasix 40 BID, I/Os, daily wts, TTE.',
  'Na 136, K 5.2, Cl 99, HCO3 21, BUN 44, Cr 2.3, Glu 188, Ca 8.9, Mg 1.8, Phos 4.9. WBC 9.8, Hgb 10.1, Hct 31, ' +
    'Plt 190. INR 1.3, PTT 34. Lactate 1.9. UA: 1+ protein, no blood, no LE/nitrite.',
  'Amlodipine 10 mg PO daily\nCarvedilol 12.5 mg PO BID\nInsulin glargine 22 units SC qHS\nSertraline 50 mg PO daily\n' +
    'Tamsulosin 0.4 mg PO qHS\nOmeprazole 20 mg PO daily',
];

const FOREIGN: [string, string][] = [
  [
    'deu',
    'Aufnahmebefund: Die 63-jährige Patientin stellt sich mit seit gestern bestehenden Oberbauchschmerzen und ' +
      'Übelkeit vor. Im Labor erhöhte Lipase. Sonographisch Gallenblasensteine ohne Zeichen einer Cholezystitis.',
  ],
  [
    'deu',
    'Therapie und Verlauf: Unter intravenöser Antibiose mit Ampicillin/Sulbactam besserte sich der Allgemeinzustand ' +
      'rasch. Die Entzündungswerte waren rückläufig. Wir entlassen den Patienten heute in gutem Zustand nach Hause.',
  ],
  [
    'fra',
    "Motif d'hospitalisation : malaise avec perte de connaissance brève au domicile. Le patient ne rapporte pas de " +
      'douleur thoracique. Électrocardiogramme : bloc auriculo-ventriculaire du deuxième degré. Avis cardiologique demandé.',
  ],
  [
    'fra',
    'Évolution favorable sous traitement diurétique, avec une perte de poids de trois kilos. La patiente sort ce jour à ' +
      'domicile avec un rendez-vous de consultation dans un mois et une surveillance biologique hebdomadaire.',
  ],
  [
    'spa',
    'Enfermedad actual: varón de 45 años que consulta por fiebre de cuatro días de evolución, tos seca y malestar ' +
      'general. En la radiografía de tórax se observa una condensación en el lóbulo inferior izquierdo.',
  ],
  [
    'spa',
    'Juicio clínico: infección del tracto urinario complicada. Se inicia tratamiento antibiótico empírico con ' +
      'ceftriaxona y se solicita urocultivo. La paciente queda ingresada en planta para vigilancia.',
  ],
];

describe('foreignLanguage', () => {
  it.each(ENGLISH)('gives no warning for English clinical text: %s', async (text) => {
    expect(await foreignLanguage(text)).toBeUndefined();
  });

  it.each(FOREIGN)('names %s for a clinical snippet in it', async (code, text) => {
    expect(await foreignLanguage(text)).toMatchObject({ code, share: 1 });
  });

  it('gives the language an English name for the notice', async () => {
    expect((await foreignLanguage(FOREIGN[0][1]))?.name).toBe('German');
    expect(languageName('fra')).toBe('French');
    expect(languageName('spa')).toBe('Spanish');
    expect(languageName('not a code')).toBe('another language');
  });

  it('judges no text shorter than the minimum, however foreign', async () => {
    const short = 'Der Patient klagt über starke Kopfschmerzen seit gestern Abend.';
    expect((short.match(/\p{L}/gu) ?? []).length).toBeLessThan(MIN_LETTERS);
    expect(await foreignLanguage(short)).toBeUndefined();
    expect(await foreignLanguage('')).toBeUndefined();
  });

  it('warns only when most of the text is foreign', async () => {
    const german = [FOREIGN[0][1], FOREIGN[1][1]];
    const english = [ENGLISH[0], ENGLISH[1]];
    // Pieces are about 200 characters, cut at line breaks: six paragraphs of one language, then two of another.
    const mostlyEnglish = [...english, ...english, ...english, ...german].join('\n');
    const mostlyGerman = [...german, ...german, ...german, ...english].join('\n');
    expect(await foreignLanguage(mostlyEnglish)).toBeUndefined();
    expect(await foreignLanguage(mostlyGerman)).toMatchObject({ code: 'deu' });
    expect((await foreignLanguage(mostlyGerman))?.share).toBeLessThan(1);
  });
});

describe('pieces', () => {
  it('cuts at line breaks and keeps every character of a text of a few pieces', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Line ${i} of the note with some words in it.`).join('\n');
    const parts = pieces(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(text);
    for (const part of parts.slice(1)) expect(part.startsWith('\n')).toBe(true);
  });

  it('samples at most MAX_PIECES pieces from the first to the last of a long text', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} of a long note.`).join('\n');
    const parts = pieces(text);
    expect(parts).toHaveLength(MAX_PIECES);
    expect(text.startsWith(parts[0])).toBe(true);
    expect(text.endsWith(parts.at(-1) ?? '')).toBe(true);
  });
});

describe('hasLetters', () => {
  it('counts letters of any script, not digits, spaces or punctuation', () => {
    expect(hasLetters('12:30, 4/5 -- 99%', 1)).toBe(false);
    expect(hasLetters('é 1 ж 2 b', 3)).toBe(true);
    expect(hasLetters('é 1 ж 2 b', 4)).toBe(false);
    expect(hasLetters('', 0)).toBe(true);
  });

  it('answers for a text of MIN_LETTERS letters exactly as the full count does', () => {
    const text = `${'ab1 '.repeat(MIN_LETTERS / 2 - 1)}a`;
    expect(hasLetters(text, MIN_LETTERS)).toBe(false);
    expect(hasLetters(`${text}z`, MIN_LETTERS)).toBe(true);
  });
});

// The margin was set so that English notes never warn: check it on real notes, when present.
const corpus = sharedFile('corpus/clinical_notes.txt.gz');
describe.skipIf(!corpus.present)(`English clinical notes${corpus.reason}`, () => {
  it('no piece of 200 passages spread over the corpus is taken for another language', async () => {
    const judge = await loadDetector();
    const lines = gunzipSync(readFileSync(corpus.file)).toString('utf8').split('\n');
    const flagged: string[] = [];
    const stride = Math.floor(lines.length / 200);
    for (let n = 0; n < 200; n++) {
      let passage = '';
      for (let i = n * stride; passage.length < 600 && i < lines.length; i++) passage += `${lines[i]}\n`;
      for (const piece of pieces(passage)) if ((judge(piece)?.code ?? 'eng') !== 'eng') flagged.push(piece);
    }
    expect(flagged).toEqual([]);
  });
});
