// Installed models, loaded once and shared by the views that list or pick them.
import type { ModelInfo } from '../../workers/api.ts';
import { engine, explainError } from '../client/engine.ts';

class ModelList {
  models = $state.raw<ModelInfo[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  #pending: Promise<void> | null = null;

  /** Loads the list unless it is already loaded or loading; `force` reloads. */
  load(force = false): Promise<void> {
    if (this.#pending && !force) return this.#pending;
    this.loading = true;
    this.error = null;
    this.#pending = engine
      .models()
      .then((models) => {
        this.models = models;
      })
      .catch((err) => {
        this.error = explainError(err);
        this.#pending = null; // allow a retry
      })
      .finally(() => {
        this.loading = false;
      });
    return this.#pending;
  }

  forTask(task: ModelInfo['task']): ModelInfo[] {
    return this.models.filter((m) => m.task === task);
  }
}

export const modelList = new ModelList();
