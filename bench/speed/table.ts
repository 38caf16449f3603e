// Markdown output of the bench. Pure, so it is unit-tested.

export type Cell = string | number | null | undefined;

/** Numbers with thousands separators and at most `digits` decimals; `—` for missing values. */
export function formatCell(value: Cell, digits = 2): string {
  if (value == null || (typeof value === 'number' && !Number.isFinite(value))) return '—';
  if (typeof value === 'string') return value;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A GitHub-flavoured markdown table; pipes in cells are escaped, numbers right-aligned. */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => headers.map((_, i) => formatCell(r[i]).replace(/\|/g, '\\|')));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => r[i] == null || typeof r[i] === 'number'));
  const widths = headers.map((h, i) => Math.max(3, h.length, ...text.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (numeric[i] ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`;
  return [line(headers), rule, ...text.map(line)].join('\n');
}

/** Human-readable byte count (binary units), e.g. 12.3 MiB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
