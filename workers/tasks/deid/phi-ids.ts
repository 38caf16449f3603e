// Identifier numbers (HIPAA Safe Harbor: SSN, medical record, health plan, account, licence,
// vehicle and device numbers, any other unique number): those whose format carries a check (SSN,
// payment card, NPI, DEA, Medicare MBI) anywhere; the rest only after a label that says what they
// are ("MRN: NG-7781204", "Acct #: 550192837", "License # OR MD187234", "vehicle plate 7KXR214",
// "SERIAL 8TKS301457"). Implant catalogue numbers ("REF 5510-F-501") are not PHI and have no label here.
import { isCardNumber, isDea, isIban, isMbi, isNpi, isRoutingNumber, isSsn, MBI_SOURCE } from './phi-checks.ts';
import { anyCase, countDigits, L, NO_DIGIT_AROUND_L, NO_DIGIT_AROUND_R, R, type PhiPattern } from './phi-pattern.ts';

// Labels of identifiers, in any letter case ("MRN", "Mrn", "mrn"), longest first where one starts another.
const ID_LABELS = [
  'medical record',
  'med rec',
  'mrn',
  'mr',
  'chart',
  'record',
  'patient id',
  'pt id',
  'unit',
  'account',
  'acct',
  'fin',
  'billing',
  'encounter',
  'enc',
  'visit',
  'case',
  'accession',
  'specimen',
  'claim',
  'prior authorization',
  'authorization',
  'auth',
  'referral',
  'application',
  'file',
  'document',
  'reference',
  'confirmation',
  'policy',
  'member id',
  'member',
  'subscriber id',
  'subscriber',
  'group',
  'plan id',
  'health plan',
  'beneficiary',
  'certificate',
  'medicaid id',
  'medicaid',
  'medicare id',
  'medicare',
  'mbi',
  'hicn',
  'insurance id',
  'social security',
  'social',
  'ssn',
  'ss',
  'tax id',
  'ein',
  'npi',
  'dea',
  'attorney id',
  'license',
  'licence',
  'lic',
  "driver's license",
  'drivers license',
  'driver license',
  'dl',
  'dln',
  'passport',
  'vehicle plate',
  'license plate',
  'plate',
  'vin',
  'serial',
  'sn',
  's/n',
  'lot',
  'device id',
  'udi',
  'badge',
  'employee id',
  'identifier',
  'id',
];
const LABEL = `(?:${ID_LABELS.map(anyCase).join('|')})(?![\\p{L}\\p{N}])`;
// "is", "#", "no.", "number", ":" and a short aside between label and value ("MRN (if known):").
const LABEL_TAIL = `(?:[ \\t]*(?:#|${anyCase('no')}\\.?|${anyCase('number')}|${anyCase('num')}\\.?))?(?:[ \\t]+(?:is|was))?(?:[ \\t]*\\([^)\\n]{1,20}\\))?[ \\t]*[:#]?[ \\t]*`;
// The value: capitals and digits, groups joined by "-" or by spaces before more digits
// ("NG-7781204", "HPM 4471 0092 31", "TRD 004 1187", "OR MD187234"); a state or issuer code first.
// The first group after the code has a digit ("unit UP AT 1530" is a time).
const VALUE = '(?:[A-Z]{1,5}[ \\t])?(?=[A-Z0-9\\-/.]*\\d)[A-Z0-9]+(?:[-/.][A-Z0-9]+)*(?:[ \\t]\\d{2,}(?:-[A-Z0-9]+)*)*';

// A date or a year after a label ("visit 03/14/2024", "chart 2019") is a date, for the date patterns.
const DATE_OR_YEAR = /^(?:(?:19|20)\d{2}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;

// A value that is only a 24-hour clock time ("unit PRBC 0330 - 0630") is a time.
const CLOCK_TIME = /^(?:[A-Z]{1,5}[ \t])?(?:[01]\d|2[0-3])[0-5]\d$/;

const SSN_DASHED = `${NO_DIGIT_AROUND_L}\\d{3}-\\d{2}-\\d{4}${NO_DIGIT_AROUND_R}`;
const SSN_SPACED = `${NO_DIGIT_AROUND_L}\\d{3}([ .])\\d{2}\\1\\d{4}${NO_DIGIT_AROUND_R}`;
const CARD = `${NO_DIGIT_AROUND_L}(?:\\d{4}(?:[ -]\\d{4}){2}[ -]\\d{1,7}|\\d{4}[ -]\\d{6}[ -]\\d{4,5}|\\d{13,19})${NO_DIGIT_AROUND_R}`;

export const ID_PATTERNS: PhiPattern[] = [
  { type: 'ID', regex: new RegExp(SSN_DASHED, 'gu'), accept: isSsn },
  // Spaced or dotted ("912 48 3307", "123.45.6789"): nine digits grouped 3-2-4, unlike a phone's 3-3-4.
  { type: 'ID', regex: new RegExp(SSN_SPACED, 'gu'), accept: isSsn },
  { type: 'ID', regex: new RegExp(CARD, 'gu'), accept: isCardNumber },
  // Medicare MBI ("3HX7-QR2-TN58"), NPI (10 digits with its check) and DEA ("AB1234563") carry checks.
  { type: 'ID', regex: new RegExp(`${L}${MBI_SOURCE}${R}`, 'gu'), accept: isMbi },
  // An MBI typed in lower case keeps its dashes ("3ty8-kv1-pn07"); undashed lower case is too like a word.
  {
    type: 'ID',
    regex: new RegExp(`${L}${MBI_SOURCE}${R}`, 'giu'),
    accept: (v) => v.includes('-') && isMbi(v.toUpperCase()),
  },
  { type: 'ID', regex: new RegExp(`${NO_DIGIT_AROUND_L}[12]\\d{9}${NO_DIGIT_AROUND_R}`, 'gu'), accept: isNpi },
  { type: 'ID', regex: new RegExp(`${L}[A-Z][A-Z9]\\d{7}${R}`, 'giu'), accept: isDea },
  // IBANs ("GB82 WEST 1234 5698 7654 32") and US routing numbers carry checks; a routing number only
  // after its word, as nine digits are common.
  {
    type: 'ID',
    regex: new RegExp(`${L}[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?${R}`, 'gu'),
    accept: isIban,
  },
  {
    type: 'ID',
    regex: new RegExp(
      `${L}(?:${['routing', 'aba', 'rtn'].map(anyCase).join('|')})[^\\S\\n]*(?:#|no\\.?|number)?[^\\S\\n]*:?[^\\S\\n]*(\\d{9})${R}`,
      'gu',
    ),
    group: 1,
    accept: isRoutingNumber,
  },
  // UK National Insurance number ("AB 12 34 56 C") after its label.
  {
    type: 'ID',
    regex: new RegExp(
      `${L}(?:${['national insurance', 'ni', 'nino'].map(anyCase).join('|')})(?:[^\\S\\n]+(?:no\\.?|number))?[^\\S\\n]*:?[^\\S\\n]*([A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D])${R}`,
      'gu',
    ),
    group: 1,
  },
  // Cryptocurrency wallet addresses (Bitcoin base58 or bech32): long, mixed letters and digits.
  {
    type: 'ID',
    regex: /(?<![\p{L}\p{N}])(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[a-z0-9]{25,39})(?![\p{L}\p{N}])/gu,
    accept: (v) => /\d/.test(v) && (v.startsWith('bc1') || (/[a-z]/.test(v) && /[A-Z]/.test(v))),
  },
  // A label, then the value.
  {
    type: 'ID',
    // Two labels may stand together: "Document ID", "Patient account", "Medicare ID".
    regex: new RegExp(`${L}${LABEL}(?:[ \\t]+${LABEL})?${LABEL_TAIL}(${VALUE})${R}`, 'gu'),
    group: 1,
    // Four digits, or one token of capitals mixed with digits ("7KXR214"); not "T 101" or "WBC 38".
    accept: (v) =>
      !DATE_OR_YEAR.test(v) &&
      !CLOCK_TIME.test(v) &&
      (countDigits(v) >= 4 || /^(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{5,}$/.test(v)),
  },
  // "# 12345", "#A-55123" after anything.
  {
    type: 'ID',
    regex: new RegExp(`#\\s?((?:[A-Z]{1,4}-?)?\\d[\\d\\-]{3,}\\d)${R}`, 'gu'),
    group: 1,
    accept: (v) => countDigits(v) >= 5,
  },
  // User names: after a user label ("Portal user: abrooks1991", "login jdoe") or in an audit line
  // ("opened by kmonroe2 from workstation", "by jpwhitfield from 10.42.9.31").
  {
    type: 'ID',
    regex: new RegExp(
      `${L}(?:${['portal user', 'username', 'user name', 'user id', 'userid', 'login', 'logon', 'user', 'skype', 'handle'].map(anyCase).join('|')})[ \\t]*:?[ \\t]*(?:is[ \\t]+)?([A-Za-z][A-Za-z0-9._-]{2,30})${R}`,
      'gu',
    ),
    group: 1,
    // A word after "user" is a user name only after a colon or when it has a digit, dot or underscore.
    context: (text, start, end, m) => /\d|[._]/.test(text.slice(start, end)) || m[0].includes(':'),
  },
  {
    type: 'ID',
    regex: /(?<![\p{L}\p{N}])by ([a-z][a-z0-9._-]{2,30}) from (?=workstation|host|terminal|device|\d)/gu,
    group: 1,
  },
  // Social-media handles: "@jsmith_md" after a platform word, or with a digit or underscore.
  {
    type: 'ID',
    regex: /(?<![\p{L}\p{N}._%+-])@[A-Za-z][A-Za-z0-9_]{1,29}(?![\p{L}\p{N}@]|\.[A-Za-z])/gu,
    context: (text, start, end) =>
      /[\d_]/.test(text.slice(start, end)) ||
      /(?:twitter|instagram|tiktok|facebook|snapchat|threads|mastodon|handle|follow)\W+(?:\w+\W+){0,3}$/i.test(
        text.slice(Math.max(0, start - 40), start),
      ),
  },
];
