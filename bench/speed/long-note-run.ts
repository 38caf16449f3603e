// npx tsx bench/speed/long-note-run.ts [--chars N] [--keystrokes N] [--no-build] [--root DIR]: the long-note figures alone
// (the measurement `npm run bench` makes), without the throughput runs; --root serves another checkout's
// dist/ (e.g. an older commit's, for a before/after). Prints one JSON line.
import path from 'node:path';
import { DATA_ROOT, REPO_ROOT } from '../../workers/runtime/node-engine.ts';
import { closeAllProfiles } from './browser.ts';
import { COLD_NOTE, NOTES_FILE } from './data.ts';
import { longNoteInApp } from './long-note-app.ts';
import { LONG_NOTE_CHARS, longNoteFromFile } from './long-note.ts';
import { buildApp, snapshotDist, staleReason, startPreview } from './server.ts';

const argv = process.argv.slice(2);
const charsAt = argv.indexOf('--chars');
const chars = charsAt >= 0 ? Number(argv[charsAt + 1]) : LONG_NOTE_CHARS;
if (!Number.isInteger(chars) || chars <= 0) throw new Error('--chars needs a positive whole number');

const keysAt = argv.indexOf('--keystrokes');
const keystrokes = keysAt >= 0 ? Number(argv[keysAt + 1]) : 30;
if (!Number.isInteger(keystrokes) || keystrokes < 0) throw new Error('--keystrokes needs a whole number');

const rootAt = argv.indexOf('--root');
const root = rootAt >= 0 ? path.resolve(argv[rootAt + 1]) : REPO_ROOT;
if (staleReason(root) && !argv.includes('--no-build')) await buildApp(root);
const snapshot = await snapshotDist(root);
const server = await startPreview(REPO_ROOT, snapshot.dir);
try {
  const note = longNoteFromFile(path.join(DATA_ROOT, NOTES_FILE), chars);
  console.log(JSON.stringify(await longNoteInApp(false, server.url, note, COLD_NOTE, keystrokes)));
} finally {
  await closeAllProfiles();
  await server.stop();
  await snapshot.remove();
}
process.exit(0);
