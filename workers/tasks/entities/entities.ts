// Entities: tagged spans (runtime/tagging.ts) with concept links, sections and ConText assertion.
import type { Entity } from '../../api.ts';
import type { BatchOptions } from '../../runtime/batch.ts';
import type { LoadedModel } from '../../runtime/models.ts';
import { tagTexts } from '../../runtime/tagging.ts';
import { annotateEntities } from '../../text/assertion.ts';
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
    if (concepts) {
      for (const e of entities) {
        const concept = linkConcept(concepts, e.type, e.text);
        if (concept) e.concept = concept;
      }
    }
    // Sections and ConText assertion (negated, possible, historical, hypothetical, family).
    return opts.spansOnly ? entities : annotateEntities(texts[i], entities);
  });
}

export async function findEntities(model: LoadedModel, text: string, opts: EntityOptions = {}): Promise<Entity[]> {
  return (await findEntitiesMany(model, [text], opts))[0];
}
