// De-identification: the neural PHI tagger (names, locations, …) united with patterns for
// structured identifiers (phones, e-mails, IDs, dates), then tags or consistent surrogates.
// Recall matters most, so any overlap between the two sources is merged into the wider span.
import type { DeidOptions, DeidResult, PhiSpan } from '../../api.ts';
import type { BatchOptions } from '../../runtime/batch.ts';
import type { LoadedModel } from '../../runtime/models.ts';
import { findPhi } from './phi.ts';
import { findProtected, outsideProtected } from './phi-protected.ts';
import { MONTH, RELATIONS } from './phi-context.ts';
import { keepWordsOf } from './keep-words.ts';
import { redact } from './redact.ts';
import { refineNames } from './refine-names.ts';
import { findTerms, withoutKept } from './user-terms.ts';
import { tagText } from '../../runtime/tagging.ts';

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

/**
 * A relation word is no name ("Wife Ingrid" → "Ingrid"; "Wife" alone → nothing): the tagger sometimes
 * runs over it; in deid-physionet train + devel all 855 relation words are non-PHI.
 */
const LEADING_RELATION = new RegExp(`^(?:${RELATIONS.join('|')})(?:\\s*[,:])?(?:\\s+|$)`, 'iu');

function withoutLeadingRelation(span: PhiSpan): PhiSpan[] {
  const m = span.type === 'NAME' ? LEADING_RELATION.exec(span.text) : null;
  if (!m) return [span];
  const text = span.text.slice(m[0].length);
  return text ? [{ ...span, start: span.start + m[0].length, text }] : [];
}

/**
 * A form's field label is no name ("Email:", "Fax:", "E-mail"): in title case the tagger takes it for
 * one; in deid-physionet train + devel all 69 such words are non-PHI.
 */
const FIELD_LABEL =
  /(?<![\p{L}\p{N}])(?:e-?mail|fax|phone|tel|telephone|pager|beeper|address|mrn|dob|ssn)(?![\p{L}\p{N}])/giu;

function insideFieldLabel(text: string): (span: PhiSpan) => boolean {
  const labels = [...text.matchAll(FIELD_LABEL)].map((m) => [m.index, m.index + m[0].length]);
  return (span) => span.type === 'NAME' && labels.some(([start, end]) => span.start >= start && span.end <= end);
}

/**
 * A date has a digit or a month name: the tagger's DATE spans without either ("was born on") are
 * dropped; in deid-physionet train + devel every Date word without a digit is a month name.
 */
const DATE_LIKE = new RegExp(`\\d|(?<!\\p{L})${MONTH}(?!\\p{L})`, 'iu');

/**
 * A place right after a name, with only spaces between, is the rest of the name ("Mr. John [NAME]
 * Smith [LOCATION]" → one NAME, so a surrogate is a whole name): in deid-physionet train + devel no
 * location span ever follows a name span directly. Spans in text order.
 */
function withNamesWhole(text: string, spans: PhiSpan[]): PhiSpan[] {
  return spans.map((span, i) => {
    const before = spans[i - 1];
    const joined =
      span.type === 'LOCATION' && before?.type === 'NAME' && /^[ \t]+$/.test(text.slice(before.end, span.start));
    return joined ? { ...span, type: 'NAME' } : span;
  });
}

/** Model and pattern finds, patterns first (unsorted: deidentify sorts once, with the user's terms). */
async function findPhiSpans(model: LoadedModel | null, text: string, opts: BatchOptions = {}): Promise<PhiSpan[]> {
  const isLabel = insideFieldLabel(text);
  const fromModel: PhiSpan[] = model
    ? withNamesWhole(
        text,
        (await tagText(model, text, opts))
          .flatMap((e) =>
            withoutLeadingRelation({ ...e, type: TYPE_OF[e.type] ?? e.type.toUpperCase(), source: 'model' }),
          )
          .filter((span) => !isLabel(span) && (span.type !== 'DATE' || DATE_LIKE.test(span.text))),
      )
    : [];
  const fromPatterns: PhiSpan[] = findPhi(text, { gazetteer: model?.lexicon }).map((p) => ({
    ...p,
    source: 'pattern',
    score: 1,
  }));
  // Patterns first: where both find the same stretch, the (stable) sort and the merge keep the first
  // span's type, and a pattern's (ID, EMAIL, URL…) is the more exact.
  return [...fromPatterns, ...fromModel];
}

/**
 * Protection step: times of day, lab values and vital signs, scores, ages of 89 or under, regulation
 * citations and form labels ("DOB:") are never PHI (phi-protected.ts); every found span, the tagger's
 * or a pattern's, loses the parts inside them ("DOB: 07/22/1956" as one span keeps only the date).
 * The user's own terms are not cut.
 */
function withoutProtected(text: string, spans: PhiSpan[]): PhiSpan[] {
  const protectedSpans = findProtected(text);
  if (protectedSpans.length === 0) return spans;
  return spans.flatMap((span) =>
    outsideProtected(text, span, protectedSpans).map(({ start, end }) => ({
      ...span,
      start,
      end,
      text: text.slice(start, end),
    })),
  );
}

export async function deidentify(
  model: LoadedModel | null,
  text: string,
  options: DeidOptions = {},
  opts: BatchOptions = {},
): Promise<DeidResult> {
  const { mode = 'tags', alsoRedact = [], neverRedact = [] } = options;
  const evidence = { keep: keepWordsOf(model?.extras), gazetteer: model?.lexicon };
  const named = refineNames(text, await findPhiSpans(model, text, opts), evidence);
  const found = withoutKept(withoutProtected(text, named), neverRedact);
  const listed: PhiSpan[] = findTerms(text, alsoRedact).map((s) => ({
    ...s,
    text: text.slice(s.start, s.end),
    source: 'user',
    score: 1,
  }));
  const spans = [...found, ...listed].sort((a, b) => a.start - b.start || b.end - a.end);
  const result = redact(text, spans, mode);
  return { text: result.text, spans, replacements: result.spans };
}
