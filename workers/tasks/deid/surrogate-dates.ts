// Date surrogates: shift every date (and time) in a string by one per-note offset, keeping its format,
// so intervals between dates in a note survive de-identification.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH_RE =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

const MONTH3 = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

// Holidays as the day they name (month index, day; movable feasts on a typical day), written back as a
// shifted "Month D".
const HOLIDAYS: Record<string, [number, number]> = {
  'Christmas Eve': [11, 24],
  'Christmas Day': [11, 25],
  Christmas: [11, 25],
  "New Year['’]s Eve": [11, 31],
  "New Year['’]s(?: Day)?": [0, 1],
  'Thanksgiving(?: Day)?': [10, 24],
  'Easter(?: Sunday)?': [3, 9],
  Halloween: [9, 31],
  'Independence Day': [6, 4],
  'Memorial Day': [4, 27],
  'Labor Day': [8, 2],
  'Veterans Day': [10, 11],
  "Valentine['’]s Day": [1, 14],
  "Mother['’]s Day": [4, 10],
  "Father['’]s Day": [5, 16],
};

const DATE_PIECES = new RegExp(
  [
    '(?<ymd>(?<y1>\\d{4})(?<s1>[-/.])(?<m1>\\d{1,2})\\k<s1>(?<d1>\\d{1,2}))',
    '(?<mdy>(?<m2>\\d{1,2})(?<s2>[-/.])(?<d2>\\d{1,2})\\k<s2>(?<y2>\\d{4}|\\d{2}))',
    `(?<mname>(?<mn3>${MONTH_RE})\\s+(?<d3>\\d{1,2})(?<suf3>st|nd|rd|th)?(?:(?<sep3>,?\\s+)(?<y3>\\d{4}))?)`,
    `(?<dname>(?<d4>\\d{1,2})(?<suf4>st|nd|rd|th)?(?<of4>\\s+(?:of\\s+)?)(?<mn4>${MONTH_RE})(?:(?<sep4>,?\\s+)(?<y4>\\d{4}))?)`,
    `(?<monyear>(?<mn5>${MONTH_RE})(?<sep5>,?\\s+)(?<y5>\\d{4}))`,
    '(?<my>(?<m6>\\d{1,2})/(?<y6>\\d{4}))',
    '(?<compact>(?<y13>(?:19|20)\\d{2})(?<m13>0[1-9]|1[0-2])(?<d13>0[1-9]|[12]\\d|3[01]))',
    '(?<md>(?<m14>\\d{1,2})(?<s14> ?/ ?)(?<d14>\\d{1,2}))',
    `(?<holiday>${Object.keys(HOLIDAYS).join('|')})`,
    `(?<dmon>(?<d9>\\d{1,2})(?<s9>[-/]?)(?<mn9>${MONTH3})\\k<s9>(?<y9>\\d{4}|\\d{2}))`,
    `(?<monday>(?<mn10>${MONTH3})-(?<d10>\\d{1,2}))`,
    '(?<ord>(?<d11>\\d{1,2})(?<suf11>st|nd|rd|th))',
    `(?<monthonly>(?<mn12>${MONTHS.join('|')}))`,
    '(?<time>(?<h7>\\d{1,2}):(?<min7>\\d{2})(?<sec7>:\\d{2})?(?<ap7>\\s?[ap]\\.?m\\.?)?)',
    '(?<year>(?<y8>(?:19|20)\\d{2}))',
  ]
    .map((alt) => `(?<![\\p{L}\\p{N}])${alt}(?![\\p{L}\\p{N}])`)
    .join('|'),
  'giu',
);

const pad = (n: number, like: string): string => String(n).padStart(like.length >= 2 ? like.length : 1, '0');

function monthIndex(name: string): number {
  const key = name.replace(/\.$/, '').slice(0, 3).toLowerCase();
  return MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === key);
}

/** Writes month `index` in the style of `like` (full or abbreviated, case, trailing period). */
function formatMonth(index: number, like: string): string {
  const bare = like.replace(/\.$/, '');
  const isFull = MONTHS.some((m) => m.toLowerCase() === bare.toLowerCase());
  let name = isFull ? MONTHS[index] : MONTHS[index].slice(0, 3);
  if (bare === bare.toUpperCase()) name = name.toUpperCase();
  else if (bare === bare.toLowerCase()) name = name.toLowerCase();
  return like.endsWith('.') ? `${name}.` : name;
}

function shifted(year: number, month: number, day: number, days: number): Date {
  return new Date(Date.UTC(year, month, day + days));
}

const fullYear = (y: string): number => (y.length === 2 ? (Number(y) < 50 ? 2000 : 1900) + Number(y) : Number(y));
const writeYear = (y: number, like: string): string => (like.length === 2 ? pad(y % 100, like) : String(y));

/**
 * Shifts every recognised date/time in `original` by `days` days (months, years, minutes for coarser
 * or finer forms), keeping the written format. Returns undefined when nothing date-like is found.
 */
export function shiftDates(original: string, days: number): string | undefined {
  let changed = false;
  const monthShift = Math.max(1, Math.round(days / 30));
  const minuteShift = 1 + ((days * 37) % 1439);
  const replaced = original.replace(DATE_PIECES, (...args) => {
    const g = args.at(-1) as Record<string, string | undefined>;
    changed = true;
    if (g.ymd) {
      const d = shifted(Number(g.y1), Number(g.m1) - 1, Number(g.d1), days);
      return `${d.getUTCFullYear()}${g.s1}${pad(d.getUTCMonth() + 1, g.m1!)}${g.s1}${pad(d.getUTCDate(), g.d1!)}`;
    }
    if (g.mdy) {
      // Day-first when the first number cannot be a month ("25/12/2020").
      const dayFirst = Number(g.m2) > 12;
      const [m, d] = dayFirst ? [g.d2!, g.m2!] : [g.m2!, g.d2!];
      const date = shifted(fullYear(g.y2!), Number(m) - 1, Number(d), days);
      const mm = pad(date.getUTCMonth() + 1, m);
      const dd = pad(date.getUTCDate(), d);
      const yy = writeYear(date.getUTCFullYear(), g.y2!);
      return dayFirst ? `${dd}${g.s2}${mm}${g.s2}${yy}` : `${mm}${g.s2}${dd}${g.s2}${yy}`;
    }
    if (g.mname) {
      const date = shifted(g.y3 ? Number(g.y3) : 2000, monthIndex(g.mn3!), Number(g.d3), days);
      const year = g.y3 ? `${g.sep3}${date.getUTCFullYear()}` : '';
      return `${formatMonth(date.getUTCMonth(), g.mn3!)} ${date.getUTCDate()}${g.suf3 ? ordinal(date.getUTCDate(), g.suf3) : ''}${year}`;
    }
    if (g.dname) {
      const date = shifted(g.y4 ? Number(g.y4) : 2000, monthIndex(g.mn4!), Number(g.d4), days);
      const year = g.y4 ? `${g.sep4}${date.getUTCFullYear()}` : '';
      return `${date.getUTCDate()}${g.suf4 ? ordinal(date.getUTCDate(), g.suf4) : ''}${g.of4}${formatMonth(date.getUTCMonth(), g.mn4!)}${year}`;
    }
    if (g.monyear) {
      const date = new Date(Date.UTC(Number(g.y5), monthIndex(g.mn5!) + monthShift, 1));
      return `${formatMonth(date.getUTCMonth(), g.mn5!)}${g.sep5}${date.getUTCFullYear()}`;
    }
    if (g.my) {
      const date = new Date(Date.UTC(Number(g.y6), Number(g.m6) - 1 + monthShift, 1));
      return `${pad(date.getUTCMonth() + 1, g.m6!)}/${date.getUTCFullYear()}`;
    }
    if (g.compact) {
      const d = shifted(Number(g.y13), Number(g.m13) - 1, Number(g.d13), days);
      return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, '00')}${pad(d.getUTCDate(), '00')}`;
    }
    if (g.md) {
      // "2/2", "8 / 16": a month and a day; "12/93": a month and a two-digit year.
      if (Number(g.d14) > 31) {
        const date = new Date(Date.UTC(fullYear(g.d14!), Number(g.m14) - 1 + monthShift, 1));
        return `${pad(date.getUTCMonth() + 1, g.m14!)}${g.s14}${writeYear(date.getUTCFullYear(), g.d14!)}`;
      }
      const date = shifted(2001, Number(g.m14) - 1, Number(g.d14), days);
      return `${pad(date.getUTCMonth() + 1, g.m14!)}${g.s14}${pad(date.getUTCDate(), g.d14!)}`;
    }
    if (g.holiday) {
      const key = Object.keys(HOLIDAYS).find((k) => new RegExp(`^${k}$`, 'i').test(g.holiday!));
      const [month, day] = HOLIDAYS[key!];
      const date = shifted(2001, month, day, days);
      return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
    }
    if (g.dmon) {
      // "14-MAR-2024", "03MAR21": day, month abbreviation and year run together or dashed.
      const date = shifted(fullYear(g.y9!), monthIndex(g.mn9!), Number(g.d9), days);
      const dd = pad(date.getUTCDate(), g.d9!);
      return `${dd}${g.s9}${formatMonth(date.getUTCMonth(), g.mn9!)}${g.s9}${writeYear(date.getUTCFullYear(), g.y9!)}`;
    }
    if (g.monday) {
      // "Mar-23": a month and a day.
      const date = shifted(2001, monthIndex(g.mn10!), Number(g.d10), days);
      return `${formatMonth(date.getUTCMonth(), g.mn10!)}-${pad(date.getUTCDate(), g.d10!)}`;
    }
    if (g.ord) {
      // "the 14th": a day of an unnamed month moves by the same number of days within a 30-day month.
      const day = ((Number(g.d11) - 1 + days) % 30) + 1;
      return `${day}${ordinal(day, g.suf11!)}`;
    }
    if (g.monthonly) {
      const index = (monthIndex(g.mn12!) + monthShift) % 12;
      return formatMonth(index, g.mn12!);
    }
    if (g.time) {
      const pm = g.ap7 ? /p/i.test(g.ap7) : false;
      let hours = Number(g.h7) % 24;
      if (g.ap7) hours = (hours % 12) + (pm ? 12 : 0);
      const total = (hours * 60 + Number(g.min7) + minuteShift) % 1440;
      let h = Math.floor(total / 60);
      const minutes = String(total % 60).padStart(2, '0');
      if (g.ap7) {
        const isPm = h >= 12;
        h = h % 12 === 0 ? 12 : h % 12;
        const marker = g.ap7.replace(/[ap]/i, (c) =>
          isPm ? (c === c.toUpperCase() ? 'P' : 'p') : c === c.toUpperCase() ? 'A' : 'a',
        );
        return `${pad(h, g.h7!)}:${minutes}${g.sec7 ?? ''}${marker}`;
      }
      return `${pad(h, g.h7!)}:${minutes}${g.sec7 ?? ''}`;
    }
    if (g.year) return String(Number(g.y8) + Math.max(1, Math.round(days / 365)) * (Number(g.y8) > 2050 ? -1 : 1));
    changed = false;
    return args[0] as string;
  });
  return changed && replaced !== original ? replaced : undefined;
}

function ordinal(day: number, like: string): string {
  const suffix = day % 100 >= 11 && day % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return like === like.toUpperCase() ? suffix.toUpperCase() : suffix;
}
