// De-identification: the neural PHI tagger (names, locations, …) united with patterns for
// structured identifiers (phones, e-mails, IDs, dates), then tags or consistent surrogates.
// Recall matters most, so any overlap between the two sources is merged into the wider span.
import type { DeidMode, DeidResult, PhiSpan } from '../api.ts';
import type { BatchOptions } from '../runtime/batch.ts';
import type { LoadedModel } from '../runtime/models.ts';
import { findPhi } from '../text/phi.ts';
import { redact } from '../text/redact.ts';
import { tagText } from './entities.ts';

/** Maps the training corpus' fine-grained PHI classes to the tags users see. */
const TYPE_OF: Record<string, string> = {
  PTName: 'NAME',
  PTNameInitial: 'NAME',
  HCPName: 'NAME',
  RelativeProxyName: 'NAME',
  Date: 'DATE',
  DateYear: 'DATE',
  Location: 'LOCATION',
  Phone: 'PHONE',
  Age: 'AGE',
  Other: 'ID',
};

export async function findPhiSpans(
  model: LoadedModel | null,
  text: string,
  opts: BatchOptions = {},
): Promise<PhiSpan[]> {
  const fromModel: PhiSpan[] = model
    ? (await tagText(model, text, opts)).map((e) => ({
        ...e,
        type: TYPE_OF[e.type] ?? e.type.toUpperCase(),
        source: 'model',
      }))
    : [];
  const fromPatterns: PhiSpan[] = findPhi(text, { gazetteer: model?.lexicon }).map((p) => ({
    ...p,
    source: 'pattern',
    score: 1,
  }));
  return [...fromModel, ...fromPatterns].sort((a, b) => a.start - b.start || b.end - a.end);
}

export async function deidentify(
  model: LoadedModel | null,
  text: string,
  mode: DeidMode,
  opts: BatchOptions = {},
): Promise<DeidResult> {
  const spans = await findPhiSpans(model, text, opts);
  const result = redact(text, spans, mode);
  return { text: result.text, spans, replacements: result.spans };
}
