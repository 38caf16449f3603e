// Command-line options of `npm run bench`. Pure, so it is unit-tested.

export interface BenchArgs {
  /** Small sample (CI smoke check): fewer items and latency runs. */
  quick: boolean;
  /** Skip `vite build` even when dist/ looks older than the sources. */
  build: boolean;
  /** Launch Chromium with WebGPU enabled and measure it where a real GPU adapter exists. */
  webgpu: boolean;
  /** Items per throughput run. */
  items: number;
  /** Single-note latency runs. */
  latencyRuns: number;
  /** Whole-run watchdog: cleanup and exit non-zero after this many seconds. */
  timeoutS: number;
  /** Where results go (a JSON file per day). */
  outDir: string;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--no-build] [--webgpu] [--items N] [--latency-runs N] [--timeout S] [--out DIR]
  --quick          small sample (100 items, 10 latency runs): a smoke check of a few minutes
  --no-build       use dist/ as it is (otherwise it is rebuilt when missing or older than the sources)
  --webgpu         start Chromium with --enable-unsafe-webgpu; WebGPU is measured only on a real GPU adapter
  --items N        items per throughput run (default 1000, quick 100)
  --latency-runs N single-note latency runs (default 30, quick 10)
  --timeout S      give up (and clean up) after S seconds (default 3600, quick 900)
  --out DIR        results folder (default bench/results)`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n <= 0) {
    throw new Error(`${flag} needs a positive whole number, got "${value ?? ''}".\n${USAGE}`);
  }
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const flags = new Set<string>();
  const values: Record<string, string | undefined> = {};
  const valued = new Set(['--items', '--latency-runs', '--timeout', '--out']);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (valued.has(flag)) {
      const value = inline ?? argv[++i];
      // A missing value (end of the line, or the next option) must not fall back to the default.
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value.\n${USAGE}`);
      values[flag] = value;
    } else if (['--quick', '--no-build', '--webgpu', '--help', '-h'].includes(flag) && inline === undefined) {
      flags.add(flag);
    } else {
      throw new Error(`unknown option "${argv[i]}".\n${USAGE}`);
    }
  }
  const quick = flags.has('--quick');
  return {
    quick,
    build: !flags.has('--no-build'),
    webgpu: flags.has('--webgpu'),
    items: values['--items'] !== undefined ? positiveInt('--items', values['--items']) : quick ? 100 : 1000,
    latencyRuns:
      values['--latency-runs'] !== undefined
        ? positiveInt('--latency-runs', values['--latency-runs'])
        : quick
          ? 10
          : 30,
    timeoutS: values['--timeout'] !== undefined ? positiveInt('--timeout', values['--timeout']) : quick ? 900 : 3600,
    outDir: values['--out'] ?? 'bench/results',
    help: flags.has('--help') || flags.has('-h'),
  };
}
