import { describe, expect, it } from 'vitest';
import { findPhi, type PhiType } from '../../../workers/tasks/deid/phi.ts';

const found = (text: string): [PhiType, string][] => findPhi(text).map((p) => [p.type, p.text]);

/** None of `texts` may yield any PHI span (each checked on its own, named in the failure). */
function expectNothingIn(texts: string[]): void {
  for (const text of texts) expect(found(text), text).toEqual([]);
}

describe('findPhi', () => {
  it.each<[string, [PhiType, string][]]>([
    [
      'Call (555) 123-4567 or 555.987.6543.',
      [
        ['PHONE', '(555) 123-4567'],
        ['PHONE', '555.987.6543'],
      ],
    ],
    [
      'Cell +1 617 555 0199, office +44 20 7946 0958.',
      [
        ['PHONE', '+1 617 555 0199'],
        ['PHONE', '+44 20 7946 0958'],
      ],
    ],
    ['Phone: 6175550199', [['PHONE', '6175550199']]],
    ['Mail jane.doe+x@mail.example.co.uk.', [['EMAIL', 'jane.doe+x@mail.example.co.uk']]],
    [
      'See https://portal.example.org/p?id=5). Or www.example.com.',
      [
        ['URL', 'https://portal.example.org/p?id=5'],
        ['URL', 'www.example.com'],
      ],
    ],
    ['Host 192.168.10.254 logged.', [['IP', '192.168.10.254']]],
    ['SSN 123-45-6789.', [['ID', '123-45-6789']]],
    [
      'MRN: 0012345, Record # A-55123, acct no. 8812345',
      [
        ['ID', '0012345'],
        ['ID', 'A-55123'],
        ['ID', '8812345'],
      ],
    ],
    [
      'Admitted 1/2/2020, discharged 2020-01-05.',
      [
        ['DATE', '1/2/2020'],
        ['DATE', '2020-01-05'],
      ],
    ],
    [
      'On Jan 2 2020, 2 January 2020, March 5th, 2019 and in January 2020.',
      [
        ['DATE', 'Jan 2 2020'],
        ['DATE', '2 January 2020'],
        ['DATE', 'March 5th, 2019'],
        ['DATE', 'January 2020'],
      ],
    ],
    // Times of day are not PHI (HIPAA does not list them; deid-physionet leaves them untagged).
    ['Seen at 10:30 and 9:05 pm.', []],
    [
      'A 92-year-old woman, aged 95; her son is 45 years old.',
      [
        ['AGE', '92'],
        ['AGE', '95'],
      ],
    ],
    [
      '12 Main St, Boston, MA 02115. Zip code: 90210.',
      [
        ['LOCATION', '12 Main St'],
        ['ZIP', '02115'],
        ['ZIP', '90210'],
      ],
    ],
    [
      'Admitted 8 / 16, echo 10 / 14 / 87, cath 8/2 and 10 - 18 - 20.',
      [
        ['DATE', '8 / 16'],
        ['DATE', '10 / 14 / 87'],
        ['DATE', '8/2'],
        ['DATE', '10 - 18 - 20'],
      ],
    ],
    [
      'CABG 1 / 78, AVR 8/88.',
      [
        ['DATE', '1 / 78'],
        ['DATE', '8/88'],
      ],
    ],
    [
      "Seen by Dr Smith and DR. JONES, then dr . peruzzi; Dr. John Smith called Dr O'Halloran.",
      [
        ['NAME', 'Smith'],
        ['NAME', 'JONES'],
        ['NAME', 'peruzzi'],
        ['NAME', 'John Smith'],
        ['NAME', "O'Halloran"],
      ],
    ],
    ['Stable overnight.\nMarie Munroe, RN\n', [['NAME', 'Marie Munroe']]],
    ['IRENE SNELL RN', [['NAME', 'IRENE SNELL']]],
    [
      'Home # 603 - 960 - 1419, son ( 617 ) 555 - 0199, LUCI 301 343 - 2822, at 202 2671093',
      [
        ['PHONE', '603 - 960 - 1419'],
        ['PHONE', '( 617 ) 555 - 0199'],
        ['PHONE', '301 343 - 2822'],
        ['PHONE', '202 2671093'],
      ],
    ],
    [
      'Pager # 12345, PG 23456, beeper number 55037; call 555-1234; pg 2 of 3',
      [
        ['PHONE', '12345'],
        ['PHONE', '23456'],
        ['PHONE', '55037'],
        ['PHONE', '555-1234'],
      ],
    ],
    [
      "Pt's son Nick arrived; wife, Mary Smith called. Mrs. Brucer and MRS BRUCER; HCP: Jane. Prof. Ng, Rev. Okoro",
      [
        ['NAME', 'Nick'],
        ['NAME', 'Mary Smith'],
        ['NAME', 'Brucer'],
        ['NAME', 'BRUCER'],
        ['NAME', 'Jane'],
        ['NAME', 'Ng'],
        ['NAME', 'Okoro'],
      ],
    ],
    [
      'Pt resting. Sparkes aware. RIDLON AWARE; seen by Drs Ferullo and Saeed, then DRS JOSEPH.',
      [
        ['NAME', 'Sparkes'],
        ['NAME', 'RIDLON'],
        ['NAME', 'Ferullo and Saeed'],
        ['NAME', 'JOSEPH'],
      ],
    ],
    [
      'Lives in Hagerstown with wife; daughter LIVING IN ROME; sister lives in San Diego.',
      [
        ['LOCATION', 'Hagerstown'],
        ['LOCATION', 'ROME'],
        ['LOCATION', 'San Diego'],
      ],
    ],
    [
      'Transferred from Holy Cross Hospital, then AT CALVERT HOSP and to sacred heart hosp.',
      [
        ['LOCATION', 'Holy Cross'],
        ['LOCATION', 'CALVERT'],
        ['LOCATION', 'sacred heart'],
      ],
    ],
    [
      'Pt recieved from university of maryland hospital; seen at Kessler - Adventist Rehab. Hx at U OF MD.',
      [
        ['LOCATION', 'university of maryland'],
        ['LOCATION', 'Kessler - Adventist'],
        ['LOCATION', 'U OF MD'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('ignores clinical numbers that are not identifiers', () => {
    expect(
      found('BP 120/80, HR 72, 2.5 mg, Na 140, WBC 12.3, 5 mg/kg, 10 units, grade 3/6 murmur, may be 5 days.'),
    ).toEqual([]);
    expect(found('He is 45 years old and 89 years is not over 89.')).toEqual([]);
  });

  it('does not read fractions, scores, ratios or settings as month/day dates', () => {
    expectNothingIn([
      'pain 5/10, c/o CP 8 / 10 with movement',
      'D5 1/2 NS at 75, gave 1 / 2 amp D50, 3 / 4 strength',
      'PSV 10 / 5, PEEP 5/8, on 50 % 5 / 5, SIMV / PS 500X10 , 40 % , & 5 / 8',
      'strength 5/5, PERRLA 3 / 3, blood cx 2 / 4 bottles, rales 1 / 3 up',
      'SVR 5 . 5 / 2 . 5, CO / CI 4 - 6 / 2, AC 600 / 12 / 40 %, ABG 7 . 35 / 66 / 55',
      'bedpan 2 - 3 times, RR 12 - 18',
      'PSV increased to 10 / 5, CPAP of 12 / 5, BIPAP overnight 10 / 5, chest pressure 6 / 10',
    ]);
  });

  it('finds no names after titles that are not followed by one', () => {
    expectNothingIn([
      'MD aware, Dr aware and notified, dr. office called',
      'Team aware.\nupdated by RN',
      'Pain med prn',
      'insulin drip and CT drainage',
      'wants to speak with a doctor about it',
    ]);
  });

  it('does not take kinds of care, units or determiners before a facility noun for its name', () => {
    expectNothingIn([
      'transferred from outside hospital to the ICU, then to cardiac rehab',
      'will need rehab; admitted to the hospital; seen in Internal Medicine clinic',
      'back to the nursing home, d/c to acute rehab, follow up at coumadin clinic',
      'w / u of GI bleeding, 10 u of blood, had prolonged hospital stay',
      'doses 100 - 200 - 3000 mg, then 120 - 140 - 1600 units',
    ]);
  });

  it('takes no name after a relation or title unless it is capitalised, nor kinds of home for places', () => {
    expectNothingIn([
      'son arrived, wife aware and SON VISITING; Son Called',
      'MD aware. Team aware; INTERN AWARE. Pt is aware. Family aware of plan',
      'MS 2mg given for pain, MS changes, MR moderate',
      'lives alone, lives at home with wife, lives in a nursing home, living in assisted living',
      'moving to painful stimuli, moved in bed',
    ]);
  });

  // A stand-in for the deid model's gazetteer (lexicon.json.gz: census names and places).
  const gazetteer = {
    typeOf: (term: string): string | undefined =>
      ({ robert: 'FirstName', irene: 'FirstName', lisa: 'FirstName', rossetti: 'Surname', holmes: 'Surname' })[term] ??
      (['rome', 'san diego', 'pikesville'].includes(term) ? 'Place' : undefined),
  };
  const withGazetteer = (text: string): [PhiType, string][] =>
    findPhi(text, { gazetteer }).map((p) => [p.type, p.text]);

  it('with a gazetteer, takes listed names and places in any case where the context gives them away', () => {
    const text =
      'SON ROBERT CALLED, DAUGHTER IRENE; SON VISITING. DAUGHTER LISA ROSSETTI TOOK DENTURES. HOLMES CALLED. ' +
      'FLEW IN FROM ROME TO PIKESVILLE; sister is in San Diego';
    expect(found(text)).toEqual([]);
    expect(withGazetteer(text)).toEqual([
      ['NAME', 'ROBERT'],
      ['NAME', 'IRENE'],
      ['NAME', 'LISA ROSSETTI'],
      ['NAME', 'HOLMES'],
      ['LOCATION', 'ROME'],
      ['LOCATION', 'PIKESVILLE'],
      ['LOCATION', 'San Diego'],
    ]);
  });

  it('with a gazetteer, takes a listed name after whom someone spoke with or reached', () => {
    const text =
      'spoke with irene today. TALK WITH ROBERT; PER LISA, unable to reach Holmes. spoke with family; per report';
    expect(withGazetteer(text)).toEqual([
      ['NAME', 'irene'],
      ['NAME', 'ROBERT'],
      ['NAME', 'LISA'],
      ['NAME', 'Holmes'],
    ]);
  });

  it('takes the value of a name field whole, up to the field end', () => {
    expect(found('Patient: Hope Marie Castillo    Accession: MR2403140057')).toContainEqual([
      'NAME',
      'Hope Marie Castillo',
    ]);
    expect(found('PATIENT: PATEL, ANJALI R    MRN: M00731984')).toContainEqual(['NAME', 'PATEL, ANJALI R']);
    expect(found('Name: VAN DER BERG, ANNE-MARIE\nPatient: Alert and oriented. Patient: Stable')).toEqual([
      ['NAME', 'VAN DER BERG, ANNE-MARIE'],
    ]);
  });

  it('with a gazetteer, takes staff names before a credential, a bracketed role, and first-name signatures', () => {
    const text =
      "HOLMES - ROSSETTI , RRT\nVASQUEZ / RN AGREED\nROBERT HOLMES ( RESIDENT ) WORKING ON THIS\nIRENE W .\nSeen by Andrew O ' Holmes , MSW";
    const gaz = { typeOf: (t: string) => gazetteer.typeOf(t) ?? (t === 'vasquez' ? 'Surname' : undefined) };
    expect(findPhi(text, { gazetteer: gaz }).map((p) => p.text)).toEqual([
      'HOLMES - ROSSETTI',
      'VASQUEZ',
      'ROBERT HOLMES',
      'IRENE W',
      "Andrew O ' Holmes",
    ]);
  });

  it('takes a hyphenated name after Dr and a name after a "Dr." that ends a wrapped line', () => {
    expect(found('DR HANLEY - MCCUE OF NEURO TEAM; per dr . reid - see notes; seen by Dr.\nCole today')).toEqual([
      ['NAME', 'HANLEY - MCCUE'],
      ['NAME', 'reid'],
      ['NAME', 'Cole'],
    ]);
  });

  it('with a gazetteer, takes a listed name before a comma and the relation', () => {
    expect(withGazetteer("spoke with IRENE , PT ' S DAUGHTER; Lisa, wife, called; Today, wife visited")).toEqual([
      ['NAME', 'IRENE'],
      ['NAME', 'Lisa'],
    ]);
  });

  it('with a gazetteer, takes a listed name after a staff role or before "made aware"', () => {
    expect(withGazetteer('MET W / CASEWORKER LISA ROSSETTI; wound nurse, Irene; HOLMES MADE AWARE')).toEqual([
      ['NAME', 'LISA ROSSETTI'],
      ['NAME', 'Irene'],
      ['NAME', 'HOLMES'],
    ]);
    expect(found("Drs ' Ballou and Dutter pronounced. DR ' S CAMARDA AND CLIFFORD REMAINED")).toEqual([
      ['NAME', 'Ballou and Dutter'],
      ['NAME', 'CAMARDA AND CLIFFORD'],
    ]);
  });

  it('takes every name of a list after a plural relation, and a name before a bracketed relation', () => {
    expect(found('Sons Smokey, Morris and Roger in to visit. Mary Ann (wife) and Sue ( DAUGHTER ) aware')).toEqual([
      ['NAME', 'Smokey'],
      ['NAME', 'Morris'],
      ['NAME', 'Roger'],
      ['NAME', 'Mary Ann'],
      ['NAME', 'Sue'],
    ]);
    expect(found('SIGNIFICANT OTHER Charlie, contact person: Carole Hayes')).toEqual([
      ['NAME', 'Charlie'],
      ['NAME', 'Carole Hayes'],
    ]);
  });

  it('takes a name after a bracket that follows the relation, after "name is" / "named", and after more relations', () => {
    expect(found('common law wife ( Irene Sherwood , 202232 - 4455 ); her name is Barbara Hosty')).toEqual([
      ['NAME', 'Irene Sherwood'],
      ['NAME', 'Barbara Hosty'],
    ]);
    expect(found('a friend named Sue called; Grandmother Rose and parents Tom and Ann in')).toEqual([
      ['NAME', 'Sue'],
      ['NAME', 'Rose'],
      ['NAME', 'Tom'],
      ['NAME', 'Ann'],
    ]);
    expectNothingIn(['wife ( at bedside ) aware', 'name is not known', 'parents in to visit']);
  });

  it('takes a listed name before a credential, not a role or unlisted word', () => {
    expect(withGazetteer('ROBERT HOLMES RRT; Holmes, RN.')).toEqual([
      ['NAME', 'ROBERT HOLMES'],
      ['NAME', 'Holmes'],
    ]);
    expect(withGazetteer('Called MD. Renal MD aware; Pt RN; SICU NP, vascular PA')).toEqual([]);
  });

  it('takes no place that is not listed, and no listed name that does nothing at the start of a sentence', () => {
    expect(
      withGazetteer('transferred to Quartermain 2, in Douglas pouch; Holmes sign positive. HOLMES SIGN IS NEGATIVE'),
    ).toEqual([]);
  });

  it('takes a listed name anywhere before what the person did, and a listed name alone on its line', () => {
    expect(withGazetteer('At this time Irene Holmes does not wish to visit; pastor was in')).toEqual([
      ['NAME', 'Irene Holmes'],
    ]);
    expect(withGazetteer('Neuro stable.\nHOLMES .\nHolmes sign\n  Rossetti\nRossetti, Irene')).toEqual([
      ['NAME', 'HOLMES'],
      ['NAME', 'Rossetti'],
    ]);
  });

  it('finds phones after a relation, with a slash after the area code, and dashed pager numbers', () => {
    expect(found('daughter 555 - 1234; son 6175551234; home 617 / 555 - 1234; beeper 3 - 4567')).toEqual([
      ['PHONE', '555 - 1234'],
      ['PHONE', '6175551234'],
      ['PHONE', '617 / 555 - 1234'],
      ['PHONE', '3 - 4567'],
    ]);
    expectNothingIn(['HR 45 x 2000', 'TV 900 - 1000, TV at 900 - 1000', 'son 2 - 3 times a day']);
  });

  // Session 10's formats: each row finds exactly `finds` in `text` and nothing in any of `nothing`.
  it.each([
    {
      what: 'a phone "at" after a relation or contact word, and a dash after the bracketed area code',
      text: 'reached wife at 555-0199. Son at 555 0199; call (617)-555-0199',
      finds: [
        ['PHONE', '555-0199'],
        ['PHONE', '555 0199'],
        ['PHONE', '(617)-555-0199'],
      ],
      nothing: ['wife at 1500', 'son at 2 - 3 pm', 'home at 0800 - 1200'],
    },
    {
      what: 'day-month-year dates run together or dashed, as record systems print them',
      text: 'seen 14-Mar-2021, again 03MAR21 and 2May2019',
      finds: [
        ['DATE', '14-Mar-2021'],
        ['DATE', '03MAR21'],
        ['DATE', '2May2019'],
      ],
      nothing: ['vent 14mar20', 'Hb 12-Mar-2', 'dose 5mg'],
    },
    {
      what: 'a bare year 1960-1999, which cannot be a 24-hour time, but no signed amount or volume',
      text: 'S/P CABG 1971, RENAL CELL CA 1977',
      finds: [
        ['DATE', '1971'],
        ['DATE', '1977'],
      ],
      nothing: ['los - 1963 since mn', 'out 1980 cc', 'at 1930', 'HR 2008'],
    },
    {
      what: 'the two-digit year of a day-month date after a comma, not a dose or a duration',
      text: '28 Oct , 88 0700 - 1245\non 12 March, 45 minutes later; seen 3 May, 20 mg given',
      finds: [
        ['DATE', '28 Oct , 88'],
        ['DATE', '12 March'],
        ['DATE', '3 May'],
      ],
      nothing: [],
    },
  ])('finds $what', ({ text, finds, nothing }) => {
    expect(found(text)).toEqual(finds);
    expectNothingIn(nothing);
  });

  it('finds spaced phones with extensions, ranges of dates and years after "in" or an apostrophe', () => {
    expect(found('call with update : 410 392 0780 x45 .')).toEqual([['PHONE', '410 392 0780 x45']]);
    expect(found("intubated 6 / 30 - 7 / 2 ; CABGx4 ' 79 ; lumpectomy in 1983 ; in March of 2022")).toEqual([
      ['DATE', '6 / 30'],
      ['DATE', '7 / 2'],
      ['DATE', '79'],
      ['DATE', '1983'],
      ['DATE', 'March of 2022'],
    ]);
    expectNothingIn(['bases up 1 / 3 - 1 / 2', '5 \' 10 " tall', 'extubated at 2015', 'SVR 900 - 1300']);
  });

  it('returns sorted, non-overlapping spans whose text matches the offsets', () => {
    const text = 'Email a@b.org on 1/2/2020 at 10:30, MRN 1234567, phone 555-123-4567, http://x.org/1/2/2020';
    const spans = findPhi(text);
    for (let i = 0; i < spans.length; i++) {
      expect(text.slice(spans[i].start, spans[i].end)).toBe(spans[i].text);
      if (i > 0) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
    }
    expect(spans.find((s) => s.text.startsWith('http'))?.type).toBe('URL');
  });
});
