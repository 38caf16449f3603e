import { expect, it } from 'vitest';
import { timestampedName } from '../../../src/ui/download.ts';

it('names downloads by UTC time without characters file systems reject', () => {
  const name = timestampedName('medtext-entities', 'csv', new Date('2026-11-26T23:59:01.123Z'));
  expect(name).toBe('medtext-entities-2026-11-26T23-59-01.csv');
});
