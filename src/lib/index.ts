// medtext as a library: `import { createMedText } from 'medtext'` gives another web app the same typed
// engine client as medtext's own app — a worker with cancellation (AbortSignal), progress callbacks,
// idle shutdown and restart after a crash. The host app serves `models/` and `integrity.json` (shipped
// in dist-lib/) under `baseUrl`, with the headers of docs/hosting; nothing is fetched from elsewhere.
import { EngineClient, type ClientCallOptions } from '../client/engine.ts';
import { workerName } from '../../workers/runtime/worker-name.ts';

export interface MedTextOptions {
  /** Where dist-lib's `models/` and `integrity.json` are served (default: the page's own folder). */
  baseUrl?: string;
  /** Stop the worker after this long without calls (ms; default 5 minutes). */
  idleMs?: number;
}

export type MedText = EngineClient;

export function createMedText(options: MedTextOptions = {}): MedText {
  const base = new URL(options.baseUrl ?? './', globalThis.location?.href).href;
  return new EngineClient(
    (choice) =>
      new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
        type: 'module',
        name: workerName(choice, base),
      }),
    { idleMs: options.idleMs },
  );
}

export { CancelledError, explainError, EngineClient } from '../client/engine.ts';
export type { ClientCallOptions };
export type {
  Assertion,
  BackendChoice,
  Classification,
  Concept,
  DeidMode,
  DeidOptions,
  DeidResult,
  Entity,
  LabelScore,
  ModelInfo,
  PhiSpan,
  ProgressEvent,
  Redaction,
  RuntimeInfo,
  SimilarityHit,
  Span,
} from '../../workers/api.ts';
export type { TaskInput, TaskName, TaskOutput } from '../../workers/tasks/registry.ts';
export type { Section } from '../../workers/text/sections.ts';
