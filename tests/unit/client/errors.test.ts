// Each failure the app has met is told in plain words naming what failed, with one action.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError, explainError, recoveryFor } from '../../../src/client/errors.ts';
import { EngineStoppedError } from '../../../src/client/worker-session.ts';
import { FileCheckError } from '../../../workers/runtime/browser-integrity.ts';

const ONNX = 'models/ade/onnx/model_quantized.onnx';

describe('explainError / recoveryFor', () => {
  it('a damaged file is named and offers Re-download of that file', () => {
    const text = explainError(new FileCheckError(ONNX, 'damaged', 'served as text/html'));
    expect(text).toContain(`"${ONNX}" is damaged`);
    expect(recoveryFor(text)).toEqual({ action: 'redownload', label: 'Re-download', path: ONNX });
  });

  it("transformers.js's 'not found locally' becomes the file's name", () => {
    const text = explainError(
      new Error(
        `\`local_files_only=true\` or \`env.allowRemoteModels=false\` and file was not found locally at "/models/ade/onnx/model_quantized.onnx".`,
      ),
    );
    expect(text).not.toContain('local_files_only');
    expect(recoveryFor(text)).toMatchObject({ action: 'redownload', path: ONNX });
  });

  it('a failed module import online offers Reload; a dead engine offers Retry; a cancel offers nothing', () => {
    const importFailed = explainError(
      new TypeError('Failed to fetch dynamically imported module: http://x/assets/a.js'),
    );
    expect(importFailed).toContain('http://x/assets/a.js');
    expect(recoveryFor(importFailed)?.action).toBe('reload');
    const wasm = explainError(new Error('no available backend found. ERR: [wasm] RuntimeError: expected magic word'));
    expect(recoveryFor(wasm)?.action).toBe('reload');
    const dead = explainError(new EngineStoppedError('The analysis engine stopped responding (no answer for 45 s).'));
    expect(recoveryFor(dead)?.action).toBe('restart');
    expect(recoveryFor(explainError(new CancelledError()))).toBeNull();
  });

  describe('offline on a first visit', () => {
    afterEach(() => vi.unstubAllGlobals());
    const offline = () => vi.stubGlobal('navigator', { onLine: false });

    it('a module or a file that could not be fetched says offline, and offers no button', () => {
      offline();
      for (const err of [
        new TypeError('Failed to fetch dynamically imported module: http://x/assets/engine-a.js'),
        new FileCheckError('integrity.json', 'offline', 'Failed to fetch'),
        new FileCheckError(ONNX, 'missing', 'Failed to fetch'),
        new EngineStoppedError('The analysis engine stopped unexpectedly (its script failed to load or threw).'),
      ]) {
        const text = explainError(err);
        expect(text).toMatch(/^You are offline/);
        expect(recoveryFor(text)).toBeNull();
      }
    });

    it('an engine that stops answering is not blamed on the network', () => {
      offline();
      const text = explainError(new EngineStoppedError('The analysis engine stopped responding (no answer for 45 s).'));
      expect(recoveryFor(text)?.action).toBe('restart');
    });
  });
});
