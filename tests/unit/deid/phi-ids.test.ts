import { describe, expect, it } from 'vitest';
import { findPhi } from '../../../workers/tasks/deid/phi.ts';
import {
  deaCheckDigit,
  isCardNumber,
  isDea,
  isIpv6,
  isMbi,
  isNpi,
  isSsn,
  luhnCheckDigit,
  npiCheckDigit,
} from '../../../workers/tasks/deid/phi-checks.ts';

const ids = (text: string): string[] =>
  findPhi(text)
    .filter((p) => p.type === 'ID')
    .map((p) => p.text);

describe('identifier checks', () => {
  it('accepts valid and rejects corrupted check digits', () => {
    expect(isCardNumber('4539 1488 0343 6467')).toBe(true);
    expect(isCardNumber('4539 1488 0343 6468')).toBe(false);
    expect(isCardNumber('9539 1488 0343 6469')).toBe(false); // no issuer starts with 9
    expect(isNpi('1245319599')).toBe(true);
    expect(isNpi('1245319598')).toBe(false);
    expect(isDea('AB1234563')).toBe(true);
    expect(isDea('AB1234564')).toBe(false);
    expect(isMbi('1EG4-TE5-MK73')).toBe(true);
    expect(isMbi('1EG4-TS5-MK73')).toBe(false); // S is never used
    expect(isSsn('123-45-6789')).toBe(true);
    expect(isSsn('666-45-6789') || isSsn('123-00-6789') || isSsn('123-45-0000')).toBe(false);
    expect(isIpv6('2001:db8:4a2f:17::1c')).toBe(true);
    expect(isIpv6('12:30:00')).toBe(false);
    expect(isIpv6('::1') && isIpv6('FF01::101')).toBe(true);
  });

  it('computes the check digits the validators expect', () => {
    expect(luhnCheckDigit('453914880343646')).toBe(7);
    expect(npiCheckDigit('124531959')).toBe(9);
    expect(deaCheckDigit('123456')).toBe(3);
  });
});

describe('identifier patterns', () => {
  it.each<[string, string[]]>([
    ['SSN 123-45-6789. Contact daughter', ['123-45-6789']],
    ['SSN 912 48 3307 verified; ssn: 123456789', ['912 48 3307', '123456789']],
    ['card 4539 1488 0343 6467, amex 3782 822463 10005', ['4539 1488 0343 6467', '3782 822463 10005']],
    ['NPI 1245319599, DEA AB1234563, MBI 3HX7-QR2-TN58', ['1245319599', 'AB1234563', '3HX7-QR2-TN58']],
    ['MRN: 4829113    DOB: 07/22/1956', ['4829113']],
    ['MRN NG-7781204, MRN: TRD 004 1187, Acct #: 550192837', ['NG-7781204', 'TRD 004 1187', '550192837']],
    ['Enc #: E240314-0087; Accession #: S24-12345; FIN: 7400912284', ['E240314-0087', 'S24-12345', '7400912284']],
    ['Your MRN (if known): SVMC 00371-992', ['SVMC 00371-992']],
    ['Member ID: HPM 4471 0092 31     Group #: G-20871', ['HPM 4471 0092 31', 'G-20871']],
    ['(authorization PA-5528190); Application # FC-24-0088412', ['PA-5528190', 'FC-24-0088412']],
    ['License # OR MD187234; Document ID: FUC-EX-20240122-0415', ['OR MD187234', 'FUC-EX-20240122-0415']],
    ['Passport no. X1234567, DL: S123-4567-8901', ['X1234567', 'S123-4567-8901']],
    ['vehicle plate 7KXR214; VIN 1HGCM82633A004352; badge 4412', ['7KXR214', '1HGCM82633A004352', '4412']],
    ['FRESENIUS 2008T, SERIAL 8TKS301457; Lot 2849A', ['8TKS301457', '2849A']],
    ['SSN 123.45.6789; ITIN 912 48 3307', ['123.45.6789', '912 48 3307']],
    ['passport number is 912803456; lic bb1234563', ['912803456', 'bb1234563']],
    ['UATP 122000000000003, Maestro 6759649826438453', ['122000000000003', '6759649826438453']],
    ['Portal user: abrooks1991; opened by kmonroe2 from workstation 10.1.1.1', ['abrooks1991', 'kmonroe2']],
    // An MBI typed in lower case with its dashes; a social security number after "social" alone.
    ['medicare id is 3ty8-kv1-pn07; Her social is 536228841', ['3ty8-kv1-pn07', '536228841']],
    ['Health plan beneficiary number: HPB 88231-4471; certificate no. RN 2311874', ['HPB 88231-4471', 'RN 2311874']],
    ['IBAN GB82 WEST 1234 5698 7654 32; routing 021000021', ['GB82 WEST 1234 5698 7654 32', '021000021']],
    ['National insurance number AB 12 34 56 C', ['AB 12 34 56 C']],
    [
      'wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT; skype is john.smith.1985',
      ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'john.smith.1985'],
    ],
    ['Follow me on Twitter @jsmith for updates; DM @kay_2', ['@jsmith', '@kay_2']],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('leaves numbers that are no identifier', () => {
    for (const text of [
      'REF 5510-F-501 implanted', // a catalogue number
      'card 4539 1488 0343 6468', // fails Luhn
      'Order 000-12-3456 placed', // no SSN is in area 000
      'a cannabis user daily; taken by mouth from the bottle',
      'Unit: 6 North; Group B strep; case 2 of 3',
      '1ST UNIT UP AT 1530; one unit PRBC 0330 - 0630', // clock times after a label
      'visit 03/14/2024; chart 2019',
      'Medicare Part B',
      'social worker visit x2; social history 1990s',
      'IBAN GB83 WEST 1234 5698 7654 32; routing 021000022', // fail their checks
      'pt @bedside; meet @ noon',
    ]) {
      expect(ids(text), text).toEqual([]);
    }
  });
});
