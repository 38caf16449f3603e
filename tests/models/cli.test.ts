// The command line as a user (or a pipeline stage) runs it: a child process over files, CSV and
// endless JSON Lines on stdin, with the committed models.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../workers/runtime/node-engine.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'medtext-cli-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function medtext(args: string[], stdin?: string): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: REPO_ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('medtext command line', () => {
  it('de-identifies files: one JSON line per file, offsets into the original text', async () => {
    const note = 'Seen by Dr. Smith on 03/14/2021.\r\nCall (617) 555-0199. MRN: 00482913';
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    writeFileSync(a, note);
    writeFileSync(b, 'Nothing to hide here.');
    const run = await medtext(['deid', '--json', a, b]);
    expect(run.code).toBe(0);
    const [first, second] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(first.file).toBe(a);
    for (const s of first.spans) expect(note.slice(s.start, s.end)).toBe(s.text);
    const found = first.spans.map((s: { text: string }) => s.text).join(' | ');
    for (const secret of ['Smith', '03/14/2021', '555-0199', '00482913']) expect(found).toContain(secret);
    expect(first.text).toContain('MRN: ');
    expect(second).toMatchObject({ file: b, spans: [], text: 'Nothing to hide here.' });
    // Without --json: the de-identified text itself.
    const plain = await medtext(['deid', b]);
    expect(plain.stdout).toBe('Nothing to hide here.');
  });

  it('classifies CSV rows by the named columns and writes a formula-safe CSV', async () => {
    const csv = path.join(dir, 'notes.csv');
    const out = path.join(dir, 'out.csv');
    writeFileSync(csv, 'key,body\n=1+1,"The patient developed a rash after amoxicillin."\n2,"Vitals stable."\n');
    const run = await medtext(['classify', '--model', 'ade', '--text-column', 'body', '--id-column', 'key', '--csv', out, csv]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((r) => r.id)).toEqual(['=1+1', '2']);
    expect(results[0].predicted).toEqual(['ADE']);
    expect(results[0].labels.map((l: { label: string }) => l.label).sort()).toEqual(['ADE', 'noADE']);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith(`"'=1+1"`)).toBe(true);
  });

  it('refuses bad usage and unreadable files with a message and status 2', async () => {
    const unknown = await medtext(['summarise', 'x.txt']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown task "summarise"/);
    const missing = await medtext(['entities', path.join(dir, 'missing.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.txt: no such file/);
  });

  it('streams 10,000 JSON Lines records in bounded batches, in order, reporting a bad one', async () => {
    const texts = [
      'Patient denies chest pain but reports shortness of breath after taking aspirin.',
      'No history of diabetes mellitus; mother had breast cancer.',
    ];
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'entities', '--batch', '64', '-'], {
      cwd: REPO_ROOT,
      env: { ...process.env, MEDTEXT_REPORT_MEMORY: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const ids: string[] = [];
    let firstOutputBeforeEnd = false;
    let inputEnded = false;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (ids.length === 0) firstOutputBeforeEnd = !inputEnded;
      ids.push(JSON.parse(line).id);
    });
    // Records are written as the child reads them; stdin closes only after the first results came
    // back, so a command that waited for the end of its input would never answer.
    for (let i = 0; i < 10_000; i++) {
      const line = i === 5000 ? '{"id": "broken", "text": \n' : JSON.stringify({ id: `r${i}`, text: texts[i % 2] }) + '\n';
      if (!child.stdin.write(line)) await new Promise((r) => child.stdin.once('drain', r));
    }
    while (ids.length === 0) await new Promise((r) => setTimeout(r, 50));
    inputEnded = true;
    child.stdin.end();
    const code = await new Promise((r) => child.on('close', r));
    expect(firstOutputBeforeEnd).toBe(true);
    expect(code).toBe(3);
    expect(stderr).toMatch(/skipped stdin line 5001: not valid JSON/);
    expect(ids).toHaveLength(9_999);
    expect(ids.slice(4999, 5001)).toEqual(['r4999', 'r5001']);
    expect(ids.at(-1)).toBe('r9999');
    const peak = Number(/peak memory (\d+) MiB/.exec(stderr)?.[1]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(800);
  }, 300_000);

  it('runs as the installed package runs it: the bundled bin, from another folder', () => {
    // The bin (dist-node/medtext.js) is what `npm pack` ships: built here as prepack builds it.
    const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
    execFileSync(process.execPath, [vite, 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'error'], {
      cwd: REPO_ROOT,
    });
    const note = path.join(dir, 'bin-note.txt');
    writeFileSync(note, 'Seen by Dr. Smith on 03/14/2021.');
    const bin = path.join(REPO_ROOT, 'dist-node/medtext.js');
    const out = execFileSync(process.execPath, [bin, 'deid', '--json', note], { cwd: tmpdir(), encoding: 'utf8' });
    const result = JSON.parse(out);
    expect(result.text).toBe('Seen by Dr. [NAME] on [DATE].');
    expect(result.spans.map((s: { type: string }) => s.type)).toEqual(['NAME', 'DATE']);
  });
});
