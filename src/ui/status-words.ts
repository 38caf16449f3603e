// The status line in a clinician's words. The engine explains its backend choice in technical
// terms (adapter, WASM, cross-origin isolation); these rules reword any such reason, so a new
// reason from the worker is reworded too. Settings keeps the technical details.
import type { RuntimeInfo } from '../../workers/api.ts';

const REWORDINGS: [RegExp, string][] = [
  [/WebGPU adapter found\./g, 'a graphics processor is available.'],
  [/WebGPU is present but found no GPU adapter\./g, 'This browser found no usable graphics processor.'],
  [/WebGPU adapter request failed/g, 'The graphics processor could not be reached'],
  [/This browser does not offer WebGPU\./g, 'This browser cannot use the graphics processor.'],
  [/\bGPU adapter\b|\badapter\b/g, 'graphics processor'],
  [
    /WebGPU passed a check against WASM \(largest difference [\d.]+\)\./g,
    'The graphics processor gave the same answers as the processor.',
  ],
  [
    /WebGPU gave different answers from WASM \(difference [\d.]+\), so WASM is used/g,
    'The graphics processor gave different answers, so the processor is used',
  ],
  [/page not cross-origin isolated/g, 'this site is not set up for parallel work'],
  [/\bUsing WASM\b|\busing WASM\b/g, 'using the processor'],
  [/\bWASM chosen in settings\b/g, 'Processor chosen in Settings'],
  [/\bWebGPU chosen in settings\b/g, 'Graphics processor chosen in Settings'],
  [/\b(asyncify|EPs?|execution providers?)\b/gi, 'runtime'],
  [/\bWebGPU\b/g, 'the graphics processor'],
  [/\bWASM\b/g, 'the processor'],
];

/** A backend reason without jargon, starting with a capital. */
export function plainReason(reason: string): string {
  let text = reason;
  for (const [pattern, words] of REWORDINGS) text = text.replace(pattern, words);
  text = text.replace(/\.\s+([a-z])/g, (_, c: string) => `. ${c.toUpperCase()}`);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where the analysis runs, in words: "graphics processor (webgpu)", "processor, 2 threads (wasm)". */
export function whereItRuns(info: Pick<RuntimeInfo, 'backend' | 'threads'>): string {
  if (info.backend === 'webgpu') return `graphics processor (${info.backend})`;
  if (info.backend === 'wasm') {
    return `processor, ${info.threads > 1 ? `${info.threads} threads` : 'one thread'} (${info.backend})`;
  }
  return info.backend;
}
