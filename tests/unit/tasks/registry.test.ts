// The task registry: one table from which the engine's run(), the command line and the tabs derive.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/tasks.ts';
import { nodeEngine } from '../../../workers/runtime/node-engine.ts';
import { TASK_NAMES, TASKS } from '../../../workers/tasks/registry.ts';

/** An engine with no model installed: what runs here runs on rules alone. */
const noModels = () => nodeEngine({ modelsRoot: mkdtempSync(path.join(tmpdir(), 'no-models-')) });
const NOTE = 'CHIEF COMPLAINT: Chest pain.\nHISTORY OF PRESENT ILLNESS: Two days of pain.\nMEDICATIONS: Aspirin.';

describe('task registry', () => {
  it('gives every task one name for its command, and a command-line help line', () => {
    for (const name of TASK_NAMES) {
      const task = TASKS[name];
      if (task.cli) expect(COMMANDS[name]).toBe(task.cli);
      if (task.cli) expect(task.cli.describe.length).toBeGreaterThan(10);
    }
    expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(['entities', 'deid', 'sections', 'assertion']));
  });

  it('runs a rules-only task through the engine without loading a model', async () => {
    const engine = noModels();
    const sections = await engine.run('sections', NOTE);
    expect(sections.map((s) => s.type)).toEqual(['chief_complaint', 'history_present_illness', 'medications']);
    expect(NOTE.slice(sections[1].start, sections[1].headerEnd)).toMatch(/^HISTORY OF PRESENT ILLNESS:/);
    expect(sections.at(-1)!.end).toBe(NOTE.length);
  });

  it('refuses a task that is not registered', async () => {
    const engine = noModels();
    await expect(engine.run('summarise' as 'sections', NOTE)).rejects.toThrow(/Unknown task "summarise"/);
  });

  it('asserts a named target without any model, and says which texts need one', async () => {
    const engine = noModels();
    const [[target]] = await engine.run('assertion', [{ text: 'Patient denies chest pain.', target: 'chest pain' }]);
    expect(target).toMatchObject({ start: 15, end: 25, assertion: 'negated', negated: true });
    await expect(engine.run('assertion', [{ text: 'Denies chest pain.' }])).rejects.toThrow(/need the entities model/);
  });
});
