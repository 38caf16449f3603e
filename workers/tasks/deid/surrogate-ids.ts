// Surrogates for identifier numbers that keep their format and pass the same checks as the original,
// so that a de-identified note still reads (and validates) as one: a fake SSN is a valid SSN, a fake
// card passes Luhn with its issuer's first digit, a fake NPI and DEA number pass their check digits,
// an MBI keeps the CMS layout, and a US phone number keeps its shape in the fictional 555-01xx range.
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
} from './phi-checks.ts';

type Random = () => number;

const digit = (random: Random): string => String(Math.floor(random() * 10));
const letterFrom = (letters: string, random: Random): string => letters[Math.floor(random() * letters.length)];

/** Replaces each digit with a random digit and each letter with a letter of the same case. */
export function scramble(original: string, random: Random): string {
  let out = '';
  for (const ch of original) {
    if (/\d/.test(ch)) out += digit(random);
    else if (/[A-Z]/.test(ch)) out += String.fromCharCode(65 + Math.floor(random() * 26));
    else if (/[a-z]/.test(ch)) out += String.fromCharCode(97 + Math.floor(random() * 26));
    else if (/\p{L}/u.test(ch)) out += ch === ch.toUpperCase() ? 'X' : 'x';
    else out += ch;
  }
  return out;
}

/** Writes `digits` into the digit positions of `shape`, keeping its separators. */
function intoShape(shape: string, digits: string): string {
  let i = 0;
  return shape.replace(/\d/g, () => digits[i++] ?? '0');
}

const onlyDigits = (s: string): string => s.replace(/\D/g, '');

function ssn(original: string, random: Random): string {
  for (;;) {
    const value = intoShape(original, Array.from({ length: 9 }, () => digit(random)).join(''));
    // Areas 900-999 are never issued as SSNs, so a surrogate never falls on a real-looking ITIN.
    if (isSsn(value) && !/^9/.test(onlyDigits(value))) return value;
  }
}

function card(original: string, random: Random): string {
  const digits = onlyDigits(original);
  // The first four digits name the issuer (Visa, Mastercard, Amex…), not the holder: kept, so the
  // surrogate passes the same issuer check.
  const body = digits.slice(0, 4) + Array.from({ length: digits.length - 5 }, () => digit(random)).join('');
  return intoShape(original, body + luhnCheckDigit(body));
}

function npi(original: string, random: Random): string {
  const body = original[0] + Array.from({ length: 8 }, () => digit(random)).join('');
  return body + npiCheckDigit(body);
}

function dea(original: string, random: Random): string {
  const six = Array.from({ length: 6 }, () => digit(random)).join('');
  return `${original[0]}${letterFrom('ABCDEFGHJKLMNPRSTUWXYZ', random)}${six}${deaCheckDigit(six)}`;
}

// CMS MBI positions: C A AN N A AN N A A N N (no S L O I B Z).
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
function mbi(original: string, random: Random): string {
  const a = () => letterFrom(MBI_LETTERS, random);
  const an = () => (random() < 0.5 ? a() : digit(random));
  const n = () => digit(random);
  const chars = [String(1 + Math.floor(random() * 9)), a(), an(), n(), a(), an(), n(), a(), a(), n(), n()];
  let i = 0;
  return original.replace(/[A-Z0-9]/g, () => chars[i++]);
}

/** A US number keeps its punctuation; the exchange and line become the fictional 555-01xx. */
function usPhone(original: string, random: Random): string | undefined {
  const m = /^(\+?1?[^\d(]*)(\(?\d{3}\)?\D{0,3}\d{3}\D{0,3}\d{4})(\D.*)?$/s.exec(original);
  if (!m) return undefined;
  const area = `${2 + Math.floor(random() * 8)}${digit(random)}${digit(random)}`;
  const number = intoShape(m[2], `${area}55501${digit(random)}${digit(random)}`);
  const extension = (m[3] ?? '').replace(/\d/g, () => digit(random));
  return `${m[1]}${number}${extension}`;
}

function ipv6(random: Random): string {
  const group = () => Math.floor(random() * 0x10000).toString(16);
  return `2001:db8:${group()}:${group()}::${group()}`; // the documentation prefix
}

/** A surrogate of the same format for an ID, PHONE, IP or ZIP; undefined for other types. */
export function surrogateIdentifier(type: string, original: string, random: Random): string | undefined {
  const value = original.trim();
  if (type === 'IP') {
    if (isIpv6(value)) return ipv6(random);
    return `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;
  }
  if (type === 'PHONE') return usPhone(original, random) ?? scramble(original, random);
  if (type !== 'ID') return undefined;
  if (/^\d{3}([- .]?)\d{2}\1\d{4}$/.test(value) && isSsn(value)) return ssn(value, random);
  if (isCardNumber(value)) return card(value, random);
  if (isNpi(value)) return npi(value, random);
  if (isDea(value)) return dea(value, random);
  if (isMbi(value)) return mbi(value, random);
  return scramble(original, random);
}
