// Names, facilities and organisations whole; eponyms, drugs, organisms and labels never names.
// The rules run on hand-made spans (standing in for the tagger's) with the shipped keep-words list
// and gazetteer of models/deid.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PhiSpan } from '../../../workers/api.ts';
import { Lexicon, type LexiconJson } from '../../../workers/text/lexicon.ts';
import {
  KeepWords,
  isFalseName,
  protectedPhrases,
  type KeepWordsJson,
} from '../../../workers/tasks/deid/keep-words.ts';
import { findOrganisations } from '../../../workers/tasks/deid/organisations.ts';
import { refineNames } from '../../../workers/tasks/deid/refine-names.ts';
import { findInitials } from '../../../workers/tasks/deid/whole-names.ts';

const readGz = (file: string): unknown => JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
const keep = new KeepWords(readGz('models/deid/keep-words.json.gz') as KeepWordsJson);
const gazetteer = new Lexicon(readGz('models/deid/lexicon.json.gz') as LexiconJson);
const evidence = { keep, gazetteer };

/** A tagger span over the first occurrence of `part` in `text`. */
function tagged(text: string, part: string, type = 'NAME', score = 0.9): PhiSpan {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`${part} not in ${text}`);
  return { type, start, end: start + part.length, text: part, source: 'model', score };
}

/** The texts of the NAME-like spans after refinement, merged where they overlap. */
function refined(text: string, spans: PhiSpan[], type = 'NAME'): string[] {
  const out = refineNames(text, spans, evidence)
    .filter((s) => s.type === type)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number }[] = [];
  for (const s of out) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  return merged.map((s) => text.slice(s.start, s.end));
}

describe('names grow to the whole name', () => {
  it.each([
    ['Patient: John Doe', 'John', ['John Doe']],
    ['Patient: Harold T. Brennan', 'Harold', ['Harold T. Brennan']],
    ['Letter for Juan Carlos de la Cruz today', 'Juan', ['Juan Carlos de la Cruz']],
    ['PATIENT: VAN DER BERG, ANNE-MARIE    MRN: 123', 'ANNE-MARIE', ['VAN DER BERG, ANNE-MARIE']],
    ['Patient: YOUNG, MARCUS A    MRN: 3390', 'MARCUS', ['YOUNG, MARCUS A']],
    ['Pt: Terrence "Terry" Washington', 'Terrence', ['Terrence "Terry" Washington']],
    ['Younger sister Min-ji (6) was offered prophylaxis.', 'ji', ['Min-ji']],
  ])('%s', (text, part, expected) => {
    expect(refined(text, [tagged(text, part)])).toEqual(expected);
  });

  it('keeps titles, credentials and a possessive outside the name', () => {
    const text = "Attending: Dr. Priya Raghunathan, MD. Dr. Raghunathan's office called.";
    expect(refined(text, [tagged(text, 'Dr. Priya Raghunathan, MD')])).toEqual(['Priya Raghunathan', 'Raghunathan']);
  });

  it('finds a confirmed name again everywhere in the note, in any letter case', () => {
    const text = 'Patient: Edward McAllister\nMr. McAllister was seen. pt edward mcallister agrees.';
    expect(refined(text, [tagged(text, 'Edward McAllister')])).toEqual([
      'Edward McAllister',
      'McAllister',
      'edward',
      'mcallister',
    ]);
  });

  it('does not find a common-word surname again where it is a word', () => {
    const text = 'PATIENT: ROSALIND PAGE    MRN: 1\nNURSING TO PAGE ICU TEAM FOR MAP < 65.';
    expect(refined(text, [tagged(text, 'ROSALIND PAGE')])).toEqual(['ROSALIND PAGE']);
  });

  it('separates two names listed with a comma', () => {
    const text = 'cc: Harold Brennan, Eileen Brennan';
    expect(refined(text, [tagged(text, 'Harold Brennan, Eileen Brennan')])).toEqual([
      'Harold Brennan',
      'Eileen Brennan',
    ]);
  });
});

describe('staff initials', () => {
  const found = (text: string) => findInitials(text).map((s) => text.slice(s.start, s.end));
  it('finds initials by a credential, a dictation mark and a sign-off', () => {
    expect(found('J.K., RN')).toEqual(['J.K.']);
    expect(found('Called by RN T.B. at 03:04')).toEqual(['T.B.']);
    expect(found('read back by R. Young, RN at 06:05')).toEqual(['R. Young']);
    expect(found('Dictated 3/14\nMI/kls')).toEqual(['MI/kls']);
    expect(found('A work note is attached. - JPW\n')).toEqual(['JPW']);
  });
  it('leaves abbreviations alone', () => {
    expect(found('Moved to the U.S. in 1990; seen at 9 A.M. with CHF (NYHA III).')).toEqual([]);
  });
});

describe('no false names', () => {
  const text =
    'Hello, my name is on the credit card. Started Hydroxychloroquine and Alprazolam. Brother has Hunter ' +
    'syndrome; Parkinson disease; Crohn’s flare; Babinski downgoing; Foley catheter; Stevens-Johnson syndrome; ' +
    'E. coli; Clark level III; Spitz nevus; Dawson fingers; 2017 McDonald criteria; Beers list; Edinburgh ' +
    'Postnatal Depression Scale 4; Lasix 40 mg; gadobutrol (Gadavist).';
  it.each([
    'Hello',
    'credit',
    'Hydroxychloroquine',
    'Alprazolam',
    'Hunter',
    'Parkinson',
    'Crohn’s',
    'Babinski',
    'Foley',
    'Stevens-Johnson',
    'E.',
    'Clark',
    'Spitz',
    'Dawson',
    'McDonald',
    'Beers',
    'Edinburgh',
    'Lasix',
    'Gadavist',
  ])('%s', (word) => {
    expect(refined(text, [tagged(text, word)])).toEqual([]);
  });

  it('a title makes an eponym or a common word a name', () => {
    const t = 'Seen by Dr. Hunter and Mrs. Young; Hunter syndrome ruled out.';
    expect(refined(t, [tagged(t, 'Hunter'), tagged(t, 'Young')])).toEqual(['Hunter', 'Young']);
    expect(isFalseName(t, { start: t.indexOf('Young'), end: t.indexOf('Young') + 5 }, evidence)).toBe(false);
  });

  it('a capitalised common word stays a name only if the gazetteer lists it', () => {
    const t = 'Pt seen by Smith this am. Young patients do well.';
    const smith = t.indexOf('Smith');
    expect(isFalseName(t, { start: smith, end: smith + 5 }, evidence)).toBe(false);
    expect(isFalseName(t, { start: t.indexOf('Young'), end: t.indexOf('Young') + 5 }, evidence)).toBe(true);
  });

  it('protects eponyms before their head noun', () => {
    const t = 'Holter monitor; no Kerley B lines; Brugada pattern; Kussmaul respirations; Good Samaritan law.';
    const phrases = protectedPhrases(t, keep).map((p) => t.slice(p.start, p.end));
    expect(phrases).toEqual(
      expect.arrayContaining([
        'Holter monitor',
        'Kerley B lines',
        'Brugada pattern',
        'Kussmaul respirations',
        'Good Samaritan law',
      ]),
    );
  });

  it('protects a list of single words after a medication label, and only such a list', () => {
    const t = 'Meds: Eliquis, Coreg, Entresto, Jardiance.\nMeds: reviewed with Mary Smith, RN';
    const phrases = protectedPhrases(t, keep).map((p) => t.slice(p.start, p.end));
    expect(phrases).toContain('Eliquis, Coreg, Entresto, Jardiance');
    expect(phrases.filter((p) => p.includes('Smith'))).toEqual([]);
  });

  it('protects form labels and keeps the identifiers beside them', () => {
    const t = 'MRN: 4829113    DOB: 07/22/1956';
    const phrases = protectedPhrases(t, keep).map((p) => t.slice(p.start, p.end));
    expect(phrases).toEqual(expect.arrayContaining(['MRN:', 'DOB:']));
    const out = refineNames(t, [tagged(t, '4829113    DOB', 'ID')], evidence).map((s) => s.text);
    expect(out).toEqual(['4829113']);
  });
});

describe('names the tagger found stay found (issue 20)', () => {
  it('an eponym phrase needs capitals before its head and no phone number after it', () => {
    const t = 'Dr Vasquez team is coordinating the lab test. Son Lopie Certusi cell # 410-322-1419.';
    expect(refined(t, [tagged(t, 'Vasquez'), tagged(t, 'Lopie Certusi')])).toEqual(['Vasquez', 'Lopie Certusi']);
    const phrases = protectedPhrases('Hunter syndrome', keep).map((p) => 'Hunter syndrome'.slice(p.start, p.end));
    expect(phrases).toEqual(['Hunter syndrome']);
  });

  it('a label at the start of a line is a field name, not a clause or a date', () => {
    const t = 'Pt transferred to GH for cath: LAD 90%\nMVA 12/07: tibia fx\nDate of birth: 07/22/1956';
    const phrases = protectedPhrases(t, keep).map((p) => t.slice(p.start, p.end));
    expect(phrases).toContain('Date of birth:');
    expect(phrases.filter((p) => /GH|12\/07/.test(p))).toEqual([]);
    expect(refined(t, [tagged(t, 'GH', 'LOCATION')], 'LOCATION')).toEqual(['GH']);
  });

  it('an exam eponym after a first name is a surname', () => {
    const t = 'Bernard Foley, RRT, changed the Foley catheter.';
    expect(refined(t, [tagged(t, 'Bernard'), tagged(t, 'Foley')])).toEqual(['Bernard Foley']);
    expect(refined(t, [tagged(t, 'Foley catheter')])).toEqual([]);
  });

  it('a name never ends in a particle', () => {
    const t = 'HUSBAND PIETER VAN DER BERG IS BEING EVALUATED AS A LIVING DONOR.';
    expect(refined(t, [tagged(t, 'PIETER')])).toEqual(['PIETER VAN DER BERG']);
  });

  it('a common-word name stays where the tagger is sure of it', () => {
    const t = 'wife rose left her number';
    expect(refined(t, [tagged(t, 'rose', 'NAME', 0.99)])).toEqual(['rose']);
    expect(refined('rose left her number', [tagged('rose left her number', 'rose', 'NAME', 0.9)])).toEqual([]);
  });

  it('a common-word name after a relation word stays a name', () => {
    const t = "pt's son Nick arrived; Son, Ed, was updated";
    expect(refined(t, [tagged(t, 'Nick', 'NAME', 0.5), tagged(t, 'Ed', 'NAME', 0.5)])).toEqual(['Nick', 'Ed']);
  });

  it('joins a common first name to the surname the tagger found beside it', () => {
    const t = 'will call son don reid today';
    expect(refined(t, [tagged(t, 'don'), tagged(t, 'reid')])).toEqual(['don reid']);
    const hi = 'Hi Aaliyah, thank you for the photo. Dr. Ines Marchetti concurs.';
    const spans = ['Hi', 'Aaliyah', 'Ines Marchetti', 'concurs'].map((w) => tagged(hi, w));
    expect(refined(hi, spans)).toEqual(['Aaliyah', 'Ines Marchetti']);
  });

  it('a stop between numbers does not cut a date', () => {
    const t = 'admitted 11 / 21 . 93 for CHF';
    expect(refined(t, [tagged(t, '11 / 21 . 93', 'DATE')], 'DATE')).toEqual(['11 / 21 . 93']);
  });
});

describe('facilities and organisations whole', () => {
  const found = (text: string) =>
    findOrganisations(text, evidence)
      .filter((o) => !o.generic)
      .map((o) => text.slice(o.start, o.end));
  it.each([
    ["St. Mary's Medical Center\nDepartment of Internal Medicine", ["St. Mary's Medical Center"]],
    ['PCP: Thomas Mark, MD (Riverside Family Practice)', ['Riverside Family Practice']],
    ['Transferred from Massachusetts General Hospital.', ['Massachusetts General Hospital']],
    ['Retired machinist from Acushnet Tool & Die.', ['Acushnet Tool & Die']],
    ['Counsel: Hargrove, Stein & Abernathy, LLP', ['Hargrove, Stein & Abernathy, LLP']],
    ['UNIT: TRI-RIVERS DIALYSIS - NORTH    CHAIR 7', ['TRI-RIVERS DIALYSIS - NORTH']],
    ['ACTIVE ON THE WAITLIST AT KEYSTONE TRANSPLANT CENTER SINCE 2022', ['KEYSTONE TRANSPLANT CENTER']],
    ['Lives at Oak Terrace Assisted Living.', ['Oak Terrace Assisted Living']],
    ['Works for ACME, INC; wife at Smith Co. since 2019', ['ACME, INC', 'Smith Co']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    'Follow-up: Heart Failure Clinic, Department of Pathology, Emergency Department, Urgent Care.',
    'MONTHLY LABS (3/6/24): HGB 10.2    CUMULATIVE LABORATORY REPORT FOR THE PATIENT',
    'Device: Medtronic pacemaker.',
    'FICK CO 4.6, PROPOFOL INC TO 20, 2 U PC GIVEN',
    'S / P DIALYSIS 8 / 15 .',
  ])('no identifier in %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('grows a tagger place to the whole facility name', () => {
    const text = 'Transferred from Massachusetts General Hospital.';
    expect(refined(text, [tagged(text, 'General', 'LOCATION')], 'LOCATION')).toEqual([
      'Massachusetts General Hospital',
    ]);
  });
});
