import { describe, expect, it } from 'vitest';
import { deidentify } from '../../../workers/tasks/deid/deid.ts';
import { isCardNumber, isDea, isIpv6, isMbi, isNpi, isSsn } from '../../../workers/tasks/deid/phi-checks.ts';
import { redact } from '../../../workers/tasks/deid/redact.ts';
import { shiftDates } from '../../../workers/tasks/deid/surrogate-dates.ts';

/** The surrogate of `value` as the only span of a note, for several seeds. */
function surrogates(type: string, value: string, seeds = 20): string[] {
  return Array.from({ length: seeds }, (_, i) => {
    const text = `x ${value} y`;
    return redact(
      text,
      [{ type, start: 2, end: 2 + value.length, source: 'pattern' }],
      'surrogates',
      `s${i}`,
    ).text.slice(2, -2);
  });
}

describe('identifier surrogates keep format and checks', () => {
  it.each<[string, string, (s: string) => boolean]>([
    ['ID', '123-45-6789', (s) => /^\d{3}-\d{2}-\d{4}$/.test(s) && isSsn(s)],
    ['ID', '912 48 3307', (s) => /^\d{3} \d{2} \d{4}$/.test(s) && isSsn(s)],
    ['ID', '4539 1488 0343 6467', (s) => /^4539 \d{4} \d{4} \d{4}$/.test(s) && isCardNumber(s)],
    ['ID', '3782 822463 10005', (s) => /^3782 \d{6} \d{5}$/.test(s) && isCardNumber(s)],
    ['ID', '1245319599', isNpi],
    ['ID', 'AB1234563', (s) => s.startsWith('A') && isDea(s)],
    ['ID', '3HX7-QR2-TN58', (s) => /^\w{4}-\w{3}-\w{4}$/.test(s) && isMbi(s)],
    ['PHONE', '(413) 555-0178', (s) => /^\([2-9]\d\d\) 555-01\d\d$/.test(s)],
    ['PHONE', '413-555-0120 ext. 215', (s) => /^[2-9]\d\d-555-01\d\d ext\. \d{3}$/.test(s)],
    ['PHONE', '+1 (312) 555-0176', (s) => /^\+1 \([2-9]\d\d\) 555-01\d\d$/.test(s)],
    ['EMAIL', 'aaliyah.brooks91@example.com', (s) => /^[a-z]+\.[a-z]+@example\.org$/.test(s)],
    ['URL', 'portal.example.com', (s) => /^[a-z]+\.example\.org$/.test(s)],
    ['IP', '2001:db8:4a2f:17::1c', isIpv6],
    ['AGE', '93', (s) => /^9\d$/.test(s)],
    ['AGE', 'ninety-seven', (s) => /^ninety-[a-z]+$/.test(s)],
  ])('%s %s', (type, value, check) => {
    for (const s of surrogates(type, value)) {
      expect(check(s), s).toBe(true);
      expect(s).not.toBe(value);
    }
  });
});

describe('address surrogates', () => {
  it('keeps a street line a street line and a post-office box a box', () => {
    const text = 'Lives at 42 Elm Street, Apt 3B; mail to PO Box 118; shop on Main Street.';
    const spans = ['42 Elm Street, Apt 3B', 'PO Box 118', 'Main Street'].map((a) => ({
      type: 'LOCATION',
      start: text.indexOf(a),
      end: text.indexOf(a) + a.length,
      source: 'pattern',
    }));
    const { text: out } = redact(text, spans, 'surrogates', 'seed');
    expect(out).toMatch(
      /^Lives at \d{2} [A-Z][a-z]+ Street, Apt \d[A-Z]; mail to PO Box \d{3}; shop on [A-Z][a-z]+ Street\.$/,
    );
    expect(out).not.toContain('42 Elm');
    expect(out).not.toContain('118');
  });
});

describe('date surrogates', () => {
  it.each([
    ['14-MAR-2024', /^\d{2}-[A-Z]{3}-\d{4}$/],
    ['Mar-23', /^[A-Z][a-z]{2}-\d{2}$/],
    ['14th', /^\d{1,2}(?:st|nd|rd|th)$/],
    ['October', /^[A-Z][a-z]+$/],
    ['17.10.1996', /^\d{2}\.\d{2}\.\d{4}$/],
    ['2024-05-01', /^\d{4}-\d{2}-\d{2}$/],
    ['20240612', /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/],
    ['2/2', /^(?:[1-9]|1[0-2])\/\d{1,2}$/],
    ['8 / 16', /^(?:[1-9]|1[0-2]) \/ \d{1,2}$/],
    ['12/93', /^\d{1,2}\/\d{2}$/],
    ['Christmas Eve', /^[A-Z][a-z]+ \d{1,2}$/],
  ])('%s keeps its format', (date, format) => {
    const shifted = shiftDates(date, 100);
    expect(shifted).toMatch(format);
    expect(shifted).not.toBe(date);
  });

  it('shifts every date of a note by the same days, so a date of birth keeps the stated age', () => {
    const text = 'DOB: 07/22/1956. Seen 03/14/2024 (age 67); next visit 2024-03-28.';
    const spans = ['07/22/1956', '03/14/2024', '2024-03-28'].map((d) => ({
      type: 'DATE',
      start: text.indexOf(d),
      end: text.indexOf(d) + d.length,
      source: 'pattern',
    }));
    const { text: out } = redact(text, spans, 'surrogates', 'seed');
    const [dob, seen, next] = [...out.matchAll(/\d{2}\/\d{2}\/\d{4}|\d{4}-\d{2}-\d{2}/g)].map((m) => {
      const p = m[0].includes('/') ? m[0].split('/') : [m[0].slice(5, 7), m[0].slice(8), m[0].slice(0, 4)];
      return Date.UTC(Number(p[2]), Number(p[0]) - 1, Number(p[1]));
    });
    const day = 86_400_000;
    expect((next - seen) / day).toBe(14);
    const age = new Date(seen).getUTCFullYear() - new Date(dob).getUTCFullYear();
    const birthdayPassed = new Date(seen).toISOString().slice(5, 10) >= new Date(dob).toISOString().slice(5, 10);
    expect(birthdayPassed ? age : age - 1).toBe(67);
  });
});

describe('labels survive surrogates', () => {
  it('keeps DOB:, MRN: and SSN labels and everything protected', async () => {
    const text = 'MRN: 4829113    DOB: 07/22/1956\nSSN 123-45-6789. Contact daughter. Seen at 14:30, GCS 15.';
    const { text: out } = await deidentify(null, text, { mode: 'surrogates' });
    expect(out).toMatch(/^MRN: \d{7} {4}DOB: \d{2}\/\d{2}\/\d{4}\nSSN \d{3}-\d{2}-\d{4}\. Contact daughter\./);
    expect(out).toContain('Seen at 14:30, GCS 15.');
    expect(out).not.toContain('4829113');
    expect(out).not.toContain('07/22/1956');
  });
});
