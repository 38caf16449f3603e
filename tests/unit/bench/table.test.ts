import { describe, expect, it } from 'vitest';
import { formatBytes, formatCell, markdownTable } from '../../../bench/speed/table.ts';

describe('markdownTable', () => {
  it('aligns columns, right-aligns numeric ones and marks missing values', () => {
    const t = markdownTable(
      ['model', 'items/s'],
      [
        ['entities', 1234.567],
        ['ade', null],
      ],
    );
    expect(t.split('\n')).toEqual([
      '| model    |  items/s |',
      '| -------- | -------: |',
      '| entities | 1,234.57 |',
      '| ade      |        — |',
    ]);
  });

  it('escapes pipes in cells', () => {
    expect(markdownTable(['a'], [['x|y']])).toContain('x\\|y');
  });
});

describe('formatCell and formatBytes', () => {
  it('formats numbers, strings and missing values', () => {
    expect(formatCell(0.123456, 3)).toBe('0.123');
    expect(formatCell('wasm')).toBe('wasm');
    expect(formatCell(undefined)).toBe('—');
    expect(formatCell(Number.NaN)).toBe('—');
  });

  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(7_931_814)).toBe('7.6 MiB');
    expect(formatBytes(null)).toBe('—');
  });
});
