// The command line's tasks, from the task registry: each task's command (workers/tasks/<task>/task.ts)
// turns a batch of records into one JSON-able result per record, in order, with character offsets
// into the record's own text (UTF-16 code units, end exclusive, as JavaScript strings count them).
import type { Engine } from '../workers/engine.ts';
import { TASKS, type TaskName } from '../workers/tasks/registry.ts';
import type { CliOptions, TaskCommand, TaskRecord, TaskResult } from '../workers/tasks/task.ts';

export type { TaskResult as Result };
export type TaskOptions = CliOptions;

/** Every registered task that has a command, with its command. */
export const COMMANDS = Object.fromEntries(
  Object.entries(TASKS).flatMap(([name, task]) => (task.cli ? [[name, task.cli]] : [])),
) as Partial<Record<TaskName, TaskCommand>>;

export type CliTask = TaskName;

export function commandOf(task: string): TaskCommand | undefined {
  return Object.hasOwn(COMMANDS, task) ? COMMANDS[task as TaskName] : undefined;
}

export function runTask(engine: Engine, task: CliTask, records: TaskRecord[], opts: CliOptions): Promise<TaskResult[]> {
  const command = commandOf(task);
  if (!command) throw new Error(`"${task}" has no command.`);
  return command.run(engine, records, opts);
}
