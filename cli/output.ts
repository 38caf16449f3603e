// Command-line output: JSON Lines on stdout, a flat CSV beside it, and a progress line on stderr
// (only when stderr is a terminal, so pipes and logs stay clean).
import { createWriteStream, type WriteStream } from 'node:fs';
import Papa from 'papaparse';
import type { Result } from './tasks.ts';

type Cell = string | number | boolean;

function flatValue(value: unknown): Cell {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('|');
  if (typeof value === 'object') {
    const concept = value as { source?: string; id?: string };
    return concept.source && concept.id ? `${concept.source} ${concept.id}` : JSON.stringify(value);
  }
  return value as Cell;
}

/** Flat rows of one result: one per item of its `listField` (entity, span, target…), or one for the record. */
export function flatRows(result: Result, listField?: string): Record<string, Cell>[] {
  if (listField && !Array.isArray(result[listField])) listField = undefined;
  const { id, file: _file, text: _text, ...rest } = result;
  if (!listField) {
    const row: Record<string, Cell> = { id };
    for (const [key, value] of Object.entries(rest)) {
      if (key === 'labels' && Array.isArray(value))
        for (const l of value as { label: string; score: number }[]) row[`score_${l.label}`] = l.score;
      else row[key] = flatValue(value);
    }
    return [row];
  }
  return (result[listField] as Record<string, unknown>[]).map((item) => {
    const row: Record<string, Cell> = { id };
    for (const [key, value] of Object.entries(item)) row[key] = flatValue(value);
    return row;
  });
}

/**
 * A CSV file written batch by batch. Cells that a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or CR) are quoted with a leading apostrophe (papaparse's escapeFormulae).
 */
export class CsvWriter {
  private readonly out: WriteStream;

  private columns: string[] | null;
  private readonly listField?: string;

  /** `csvColumns`: the task's fixed columns; without them (classify: one per label) the first rows give them. */
  constructor(file: string, layout: { csvColumns: readonly string[] | null; listField?: string }) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
    this.columns = layout.csvColumns ? [...layout.csvColumns] : null;
    this.listField = layout.listField;
    if (this.columns) this.out.write(Papa.unparse([this.columns], { newline: '\n' }) + '\n');
  }

  write(results: Result[]): void {
    const rows = results.flatMap((r) => flatRows(r, this.listField));
    if (rows.length === 0) return;
    const header = !this.columns;
    this.columns ??= [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const extra = rows.flatMap((r) => Object.keys(r)).find((k) => !this.columns!.includes(k));
    if (extra) throw new Error(`CSV output: a result has a field "${extra}" that the CSV has no column for.`);
    const csv = Papa.unparse(rows, { columns: this.columns, header, escapeFormulae: true, newline: '\n' });
    this.out.write(csv + '\n');
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** "12/40 notes · 3.1/s · ETA 0:10" on one redrawn stderr line. */
export class Progress {
  private readonly started = Date.now();
  private done = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number | null,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(out.isTTY);
  }

  advance(n: number): void {
    this.done += n;
    if (!this.enabled) return;
    this.out.write(`\r${formatProgress(this.done, this.total, (Date.now() - this.started) / 1000)}\x1b[K`);
  }

  finish(): void {
    if (this.enabled) this.out.write('\n');
  }
}

export function formatProgress(done: number, total: number | null, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const count = total === null ? `${done} records` : `${done}/${total} records`;
  const parts = [count, `${rate.toFixed(1)}/s`];
  if (total !== null && rate > 0 && done < total) parts.push(`ETA ${clock((total - done) / rate)}`);
  return parts.join(' · ');
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${m}:${String(s % 60).padStart(2, '0')}`;
  return h ? `${h}:${mmss.padStart(5, '0')}` : mmss;
}
