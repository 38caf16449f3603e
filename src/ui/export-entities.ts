// Serialises entity results for download. Pure: the Blob/URL part lives in download.ts.
import type { Entity } from '../../workers/api.ts';
import { formatConceptId } from './concept-format.ts';
import { sectionName } from './section-names.ts';

const CSV_COLUMNS = [
  'type',
  'text',
  'score',
  'start',
  'end',
  'assertion',
  'section',
  'concept_id',
  'concept_name',
  'concept_source',
  // Readable forms, as the app shows them ("History of present illness", "MeSH D003924"); the
  // columns before them keep the engine's values for other tools.
  'section_name',
  'concept',
] as const;

/**
 * A cell a spreadsheet would run as a formula. Papaparse's own `escapeFormulae: true` misses cells
 * with a line break ("=HYPERLINK(…)\nmore" is left as it is), so its callers pass this instead.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Quotes a CSV cell (RFC 4180). Text cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) get a leading apostrophe: a note can contain "=HYPERLINK(...)".
 */
export function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let cell = value;
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  if (/[",\r\n]/.test(cell) || cell !== cell.trim()) cell = `"${cell.replaceAll('"', '""')}"`;
  return cell;
}

export function entitiesToCsv(entities: readonly Entity[]): string {
  const rows = entities.map((e) =>
    [
      e.type,
      e.text,
      Math.round(e.score * 10000) / 10000,
      e.start,
      e.end,
      e.assertion,
      e.section,
      e.concept?.id,
      e.concept?.name,
      e.concept?.source,
      sectionName(e.section),
      e.concept ? formatConceptId(e.concept) : undefined,
    ]
      .map(csvCell)
      .join(','),
  );
  // CRLF per RFC 4180; spreadsheet apps on every platform read it.
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function entitiesToJson(entities: readonly Entity[]): string {
  return JSON.stringify(entities, null, 2) + '\n';
}
