// The task registry: every task, once. The engine's generic run(), the app's tabs (src/ui/views.ts),
// the command line (cli/) and its help are derived from this table; adding a task is one folder
// (workers/tasks/<task>/task.ts) plus one entry here (and its view, when it has one: src/views/index.ts
// fails to compile until the view exists). See CONTRIBUTING.md.
import { assertionTask } from './assertion/task.ts';
import { classifyTask } from './classify/task.ts';
import { deidTask } from './deid/task.ts';
import { entitiesTask } from './entities/task.ts';
import { sectionsTask } from './sections/task.ts';
import { similarityTask } from './similarity/task.ts';

/** In tab order. */
export const TASKS = {
  classify: classifyTask,
  similarity: similarityTask,
  entities: entitiesTask,
  deid: deidTask,
  sections: sectionsTask,
  assertion: assertionTask,
};

export type TaskName = keyof typeof TASKS;
type Run<T extends TaskName> = (typeof TASKS)[T]['run'];
export type TaskInput<T extends TaskName> = Parameters<Run<T>>[1];
export type TaskOutput<T extends TaskName> = Awaited<ReturnType<Run<T>>>;

export const TASK_NAMES = Object.keys(TASKS) as TaskName[];
export const isTaskName = (name: string): name is TaskName => Object.hasOwn(TASKS, name);
