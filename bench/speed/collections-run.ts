// npx tsx bench/speed/collections-run.ts [--notes N] [--workers auto,1] [--no-build]: the
// collections batch figures alone (the measurement `npm run bench` makes), without the throughput
// runs. Prints one JSON line per pool size in --workers (auto: sized to the device, as the app does;
// a number fixes it), each on the same notes, so the pool and one worker can be compared.
import path from 'node:path';
import { DATA_ROOT, REPO_ROOT } from '../../workers/runtime/node-engine.ts';
import { closeAllProfiles } from './browser.ts';
import { collectionJobInApp } from './collections-app.ts';
import { searchMatchP50Ms } from './collections-search.ts';
import { NOTES_FILE } from './data.ts';
import { buildApp, snapshotDist, staleReason, startPreview } from './server.ts';

const argv = process.argv.slice(2);
const notesAt = argv.indexOf('--notes');
const notes = notesAt >= 0 ? Number(argv[notesAt + 1]) : 1000;
if (!Number.isInteger(notes) || notes <= 0) throw new Error('--notes needs a positive whole number');
const workersAt = argv.indexOf('--workers');
const poolSizes = (workersAt >= 0 ? argv[workersAt + 1] : 'auto')
  .split(',')
  .map((w) => (w === 'auto' ? undefined : Number(w)));
if (poolSizes.some((w) => w !== undefined && !(Number.isInteger(w) && w > 0))) {
  throw new Error('--workers takes a comma-separated list of "auto" and positive whole numbers');
}

if (staleReason(REPO_ROOT) && !argv.includes('--no-build')) await buildApp(REPO_ROOT);
const snapshot = await snapshotDist(REPO_ROOT);
const server = await startPreview(REPO_ROOT, snapshot.dir);
try {
  const search_10k_p50_ms = searchMatchP50Ms();
  for (const workers of poolSizes) {
    const job = await collectionJobInApp(server.url, path.join(DATA_ROOT, NOTES_FILE), notes, { workers });
    console.log(JSON.stringify({ ...job, workers_asked: workers ?? 'auto', search_10k_p50_ms }));
  }
} finally {
  await closeAllProfiles();
  await server.stop();
  await snapshot.remove();
}
process.exit(0);
