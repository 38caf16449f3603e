// Check digits and format rules of structured identifiers, used both to recognise them (a 16-digit
// number that fails Luhn is no card) and to make surrogates that pass the same checks.

const digitsOf = (s: string): number[] => [...s.replace(/\D/g, '')].map(Number);

/** Luhn sum of `digits` (the last one is the check digit); valid when it is a multiple of 10. */
function luhnSum(digits: number[]): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i];
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

export const luhnValid = (s: string): boolean => {
  const d = digitsOf(s);
  return d.length > 1 && luhnSum(d) % 10 === 0;
};

/** The check digit that makes `body` followed by it pass Luhn. */
export const luhnCheckDigit = (body: string): number => (10 - (luhnSum([...digitsOf(body), 0]) % 10)) % 10;

/**
 * Payment card: 13–19 digits passing Luhn. No issuer-prefix check: UATP (1…), Maestro (50, 56–69) and
 * UnionPay (62) cards count too, and a Luhn-valid number that long in a note is an identifier anyway.
 */
export function isCardNumber(s: string): boolean {
  const d = s.replace(/\D/g, '');
  return d.length >= 13 && d.length <= 19 && !/^0+$/.test(d) && luhnValid(d);
}

/** NPI: 10 digits starting 1 or 2, Luhn over "80840" + the number (CMS). */
export const isNpi = (s: string): boolean => /^[12]\d{9}$/.test(s) && luhnValid(`80840${s}`);

/** The last digit of an NPI whose first nine digits are `body`. */
export const npiCheckDigit = (body: string): number => luhnCheckDigit(`80840${body}`);

/** DEA registration: two letters and seven digits; d1+d3+d5 + 2·(d2+d4+d6) ends in d7. */
export function isDea(s: string): boolean {
  const m = /^[A-Z][A-Z9](\d{7})$/i.exec(s);
  return m !== null && deaCheckDigit(m[1].slice(0, 6)) === Number(m[1][6]);
}

export function deaCheckDigit(six: string): number {
  const d = digitsOf(six);
  return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
}

// Medicare Beneficiary Identifier (CMS): 11 characters, dashes optional after the 4th and 7th;
// C = 1-9, A = a letter other than S L O I B Z, N = 0-9, AN = either. C A AN N A AN N A A N N.
const MBI_LETTER = '[AC-HJKMNP-RT-Y]';
const MBI_ALNUM = `(?:${MBI_LETTER}|\\d)`;
export const MBI_SOURCE = `[1-9]${MBI_LETTER}${MBI_ALNUM}\\d-?${MBI_LETTER}${MBI_ALNUM}\\d-?${MBI_LETTER}${MBI_LETTER}\\d\\d`;
export const isMbi = (s: string): boolean => new RegExp(`^${MBI_SOURCE}$`).test(s);

/** SSN: area not 000 or 666, group not 00, serial not 0000 (9xx areas kept: ITINs look the same). */
export function isSsn(s: string): boolean {
  const d = s.replace(/\D/g, '');
  return d.length === 9 && !/^(?:000|666)/.test(d) && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}

/** IPv6: up to eight groups of 1–4 hex digits, at most one "::"; times ("12:30:00") are no address. */
export function isIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const full = halves.length === 1 ? groups.length === 8 : groups.length <= 7;
  // A compressed form of plain digits only ("10::30") is more likely a ratio or a time; "::1" is not.
  return full && (halves.length === 1 || /[a-f]/i.test(s) || groups.length >= 3 || s.startsWith('::'));
}

/** IBAN: country code, two check digits, up to 30 letters and digits; the number mod 97 is 1 (ISO 13616). */
export function isIban(s: string): boolean {
  const compact = s.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** ABA routing number: nine digits, 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) a multiple of 10. */
export function isRoutingNumber(s: string): boolean {
  const d = digitsOf(s);
  if (d.length !== 9) return false;
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
}
