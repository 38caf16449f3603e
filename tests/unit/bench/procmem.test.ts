import { expect, it } from 'vitest';
import { parseVmHwm, rendererPeakBytes } from '../../../bench/speed/procmem.ts';

it('reads the resident high-water mark from /proc/<pid>/status', () => {
  expect(parseVmHwm('Name:\tchrome\nVmPeak:\t 900 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1 kB\n')).toBe(123456 * 1024);
  expect(parseVmHwm('Name:\tkthreadd\n')).toBeNull();
});

it('finds no renderer for a profile no Chromium uses', () => {
  expect(rendererPeakBytes('/nonexistent/medtext-profile')).toBeNull();
});
