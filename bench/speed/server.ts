// Builds the app when dist/ is stale and serves it with `vite preview` on a free local port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { precacheUrls } from './sizes.ts';

const require = createRequire(import.meta.url);
const VITE_BIN = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');

/** Inputs of the build: when any is newer than dist/, dist/ is stale. */
const SOURCES = [
  'src',
  'workers',
  'bench/page',
  'bench/speed/jobs.ts',
  'scripts',
  'public',
  'models',
  'index.html',
  'bench.html',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export function staleReason(root: string): string | null {
  const dist = path.join(root, 'dist');
  for (const f of ['index.html', 'bench.html', 'sw.js']) {
    if (!existsSync(path.join(dist, f))) return `dist/${f} is missing`;
  }
  const built = statSync(path.join(dist, 'sw.js')).mtimeMs;
  for (const src of SOURCES) {
    if (newestMtime(path.join(root, src)) > built) return `${src} changed after the last build`;
  }
  return null;
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Build output goes to stderr: stdout carries only the table and the final JSON line.
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0])} ${args[1]} exited with ${code}`)),
    );
  });
}

export async function buildApp(root: string): Promise<void> {
  await run(process.execPath, [VITE_BIN, 'build'], root);
}

/**
 * A private copy of dist/ to serve: others may rebuild dist/ while the bench runs (e2e tests do),
 * which would swap files under a running page. The copy must hold every precached file.
 */
export async function snapshotDist(root: string): Promise<{ dir: string; remove(): Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medtext-bench-dist-'));
    const remove = () => rm(dir, { recursive: true, force: true });
    await cp(path.join(root, 'dist'), dir, { recursive: true });
    const sw = path.join(dir, 'sw.js');
    const missing = existsSync(sw)
      ? precacheUrls(readFileSync(sw, 'utf8')).filter((u) => !existsSync(path.join(dir, decodeURIComponent(u))))
      : ['sw.js'];
    if (missing.length === 0) return { dir, remove };
    await remove();
    if (attempt === 3)
      throw new Error(`dist/ keeps changing under the bench (missing: ${missing.slice(0, 3).join(', ')})`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface PreviewServer {
  url: string;
  stop(): Promise<void>;
}

/** `vite preview` (the production headers: COOP/COEP, CSP) on 127.0.0.1, a secure context. */
export async function startPreview(root: string, outDir: string, timeoutMs = 60_000): Promise<PreviewServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(
    process.execPath,
    [VITE_BIN, 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!killed) child.kill('SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early (code ${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(url);
      if (res.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs / 1000} s:\n${log}`);
}
