// Where tests find the shared data sets (never copied into the repo): <repo>/../shared/data.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedData = path.resolve(repoRoot, '../shared/data');

/** Absolute path of a shared data file and whether it exists (tests skip with a message when not). */
export function sharedFile(relative: string): { file: string; present: boolean; reason: string } {
  const file = path.join(sharedData, relative);
  const present = existsSync(file);
  if (!present) console.warn(`[skip] shared data file absent: ${file}`);
  return { file, present, reason: present ? '' : ` (skipped: ${file} absent)` };
}
