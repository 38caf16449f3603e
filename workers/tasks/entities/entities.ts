// Entities: tagged spans (runtime/tagging.ts) with concept links, sections and ConText assertion.
import type { Entity, EntityPart } from '../../api.ts';
import type { BatchOptions } from '../../runtime/batch.ts';
import type { LoadedModel } from '../../runtime/models.ts';
import { tagTextInParts, tagTexts } from '../../runtime/tagging.ts';
import { TextAssertions, annotateEntities } from '../../text/assertion.ts';
import { linkConcept, type ConceptIndex } from '../../text/concepts.ts';

export interface EntityOptions extends BatchOptions {
  /** Skip ConText assertion and sections (the NER eval scores spans only). */
  spansOnly?: boolean;
}

/** Entities of many texts, each with concepts, sections and ConText assertion. */
export async function findEntitiesMany(
  model: LoadedModel,
  texts: string[],
  opts: EntityOptions = {},
): Promise<Entity[][]> {
  const tagged = await tagTexts(model, texts, opts);
  const concepts = model.extras.concepts as ConceptIndex | undefined;
  return tagged.map((entities, i) => {
    linkConcepts(concepts, entities);
    // Sections and ConText assertion (negated, possible, historical, hypothetical, family).
    return opts.spansOnly ? entities : annotateEntities(texts[i], entities);
  });
}

function linkConcepts(concepts: ConceptIndex | undefined, entities: Entity[]): void {
  if (!concepts) return;
  for (const e of entities) {
    const concept = linkConcept(concepts, e.type, e.text);
    if (concept) e.concept = concept;
  }
}

/**
 * findEntities for a long text, reporting each part's finished entities (text order) as soon as it
 * is read, so a page can show them while the rest runs. Returns what findEntities returns.
 */
export async function findEntitiesInParts(
  model: LoadedModel,
  text: string,
  onPart: (part: EntityPart) => void,
  opts: EntityOptions = {},
): Promise<Entity[]> {
  const concepts = model.extras.concepts as ConceptIndex | undefined;
  // Sentences and sections of the whole text, found once for all parts.
  let assertions: TextAssertions | undefined;
  const all: Entity[] = [];
  await tagTextInParts(
    model,
    text,
    ({ entities, through }) => {
      linkConcepts(concepts, entities);
      let part: Entity[] = entities;
      if (!opts.spansOnly && entities.length > 0) part = (assertions ??= new TextAssertions(text)).annotate(entities);
      for (const e of part) all.push(e);
      onPart({ entities: part, through, length: text.length });
    },
    opts,
  );
  return all;
}

export async function findEntities(model: LoadedModel, text: string, opts: EntityOptions = {}): Promise<Entity[]> {
  return (await findEntitiesMany(model, [text], opts))[0];
}
