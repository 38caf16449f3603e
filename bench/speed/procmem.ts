// Peak memory of Chromium's renderer processes, read from /proc (Linux). VmHWM is the kernel's
// high-water mark of resident memory: a true peak for the page, its workers and their WASM heaps,
// where measureUserAgentSpecificMemory() gives a snapshot (and waits a minute on WASM threads).
import { readFileSync, readdirSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProcs(): Proc[] {
  const procs: Proc[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return procs;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      procs.push({ pid: Number(name), ppid, cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return procs;
}

/** Parses `VmHWM:   123456 kB` from /proc/<pid>/status; bytes or null. */
export function parseVmHwm(status: string): number | null {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

/** Largest VmHWM among renderer processes of the Chromium whose profile folder is `profileDir`. */
export function rendererPeakBytes(profileDir: string): number | null {
  const procs = readProcs();
  const root = procs.find((p) => p.cmdline.includes(`--user-data-dir=${profileDir}`) && !p.cmdline.includes('--type='));
  if (!root) return null;
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let peak: number | null = null;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    stack.push(...(children.get(p.pid) ?? []));
    if (!p.cmdline.includes('--type=renderer')) continue;
    try {
      const hwm = parseVmHwm(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
      if (hwm != null) peak = Math.max(peak ?? 0, hwm);
    } catch {
      // gone
    }
  }
  return peak;
}
