// entitiesInParts (the streaming call behind the Find-entities page) against entities(): the same
// entities, in the same order, with parts arriving in text order as the note is read.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Entity, EntityPart } from '../../workers/api.ts';
import { DATA_ROOT, nodeEngine } from '../../workers/runtime/node-engine.ts';
import { buildLongNote, longNoteFromFile } from '../../bench/speed/long-note.ts';

const engine = nodeEngine();
const NOTES = path.join(DATA_ROOT, 'tc/mtsamples/dev.tsv');
const SYNTHETIC = [
  'HISTORY OF PRESENT ILLNESS: The patient was started on cisplatin and later developed nephrotoxicity.',
  'He denies chest pain. FAMILY HISTORY: Mother had breast cancer.',
  'Naloxone reversed the hypotension caused by clonidine. No evidence of pneumonia.',
];

const key = (e: Entity) => `${e.start}:${e.end}:${e.type}:${e.assertion}:${e.section}:${e.concept?.id}`;

/**
 * Parts are batched apart, and the q8 model quantizes activations per batch, so scores move by up to
 * ~0.002 and a borderline span may flip: nearly all entities must match, scores within 0.01.
 */
function expectSameEntities(got: Entity[], want: Entity[]) {
  const wanted = new Map(want.map((e) => [key(e), e]));
  const matched = got.filter((e) => wanted.has(key(e)));
  expect(matched.length).toBeGreaterThanOrEqual(Math.floor(0.98 * want.length));
  expect(got.length).toBeLessThanOrEqual(Math.ceil(1.02 * want.length));
  for (const e of matched) expect(Math.abs(e.score - wanted.get(key(e))!.score)).toBeLessThan(0.01);
}

async function compare(text: string) {
  const parts: EntityPart[] = [];
  const whole = await engine.entities(text);
  const streamed = await engine.entitiesInParts(text, {}, undefined, (p) => parts.push(p));
  expectSameEntities(streamed, whole);
  // What was streamed is exactly what the call returns.
  expect(parts.flatMap((p) => p.entities)).toEqual(streamed);
  // Parts come in text order: each one's entities lie within what has been read, after the last part's.
  let read = 0;
  for (const p of parts) {
    expect(p.length).toBe(text.length);
    expect(p.through).toBeGreaterThan(read);
    for (const e of p.entities) {
      expect(e.start).toBeGreaterThanOrEqual(read);
      expect(e.end).toBeLessThanOrEqual(p.through);
    }
    read = p.through;
  }
  return parts;
}

describe('entitiesInParts', () => {
  it('gives a short note the same entities as entities(), in one part', async () => {
    const parts = await compare(SYNTHETIC.join(' '));
    expect(parts).toHaveLength(1);
  });

  it('gives a ~40 KB note the same entities, in several parts', async () => {
    const notes = Array.from({ length: 60 }, (_, i) => SYNTHETIC[i % 3].replace('patient', `patient ${i}`));
    const text = existsSync(NOTES) ? longNoteFromFile(NOTES, 40_000) : buildLongNote(notes, 40_000);
    const parts = await compare(text);
    expect(parts.length).toBeGreaterThan(2);
  }, 120_000);
});
