// The task registry: each catalogue task (catalogue.ts: name, tab, model kind) with its implementation
// (workers/tasks/<task>/task.ts: worker function, command, eval tasks). The engine's generic run(), the
// command line and its help, and the app's tabs (src/ui/views.ts, from the catalogue) derive from them;
// adding a task is one folder, one catalogue entry and one line here (and, with a tab, its view in
// src/views/index.ts, which fails to compile until it exists). See CONTRIBUTING.md.
import { assertionTask } from './assertion/task.ts';
import { classifyTask } from './classify/task.ts';
import { deidTask } from './deid/task.ts';
import { entitiesTask } from './entities/task.ts';
import { sectionsTask } from './sections/task.ts';
import { similarityMatrixTask, similarityTask } from './similarity/task.ts';
import { TASK_CATALOGUE, type TaskName } from './catalogue.ts';

export { TASK_CATALOGUE, type TaskName };

const IMPLEMENTATIONS = {
  classify: classifyTask,
  similarity: similarityTask,
  similarityMatrix: similarityMatrixTask,
  entities: entitiesTask,
  deid: deidTask,
  sections: sectionsTask,
  assertion: assertionTask,
};

/** Every catalogue task's implementation: a missing one fails here, an extra one below. */
export const TASKS: { [T in TaskName]: (typeof IMPLEMENTATIONS)[T] } = IMPLEMENTATIONS;
export const NO_EXTRA_TASKS: Record<keyof typeof IMPLEMENTATIONS, unknown> = TASK_CATALOGUE;

type Run<T extends TaskName> = (typeof IMPLEMENTATIONS)[T]['run'];
export type TaskInput<T extends TaskName> = Parameters<Run<T>>[1];
export type TaskOutput<T extends TaskName> = Awaited<ReturnType<Run<T>>>;

export const TASK_NAMES = Object.keys(TASKS) as TaskName[];
export const isTaskName = (name: string): name is TaskName => Object.hasOwn(TASKS, name);
