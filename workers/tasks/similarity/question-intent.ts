// What a health question asks about (treatment, symptoms, causes, outlook…), from cue words. Two
// questions on the same condition that ask different things are different questions ("How do I know
// if I have chronic fatigue syndrome?" / "What is the treatment of chronic fatigue syndrome?"): word
// overlap and embeddings miss that, so the duplicate classifier gets, per intent, whether both
// questions ask it and whether only one does.

const INTENTS: Record<string, RegExp> = {
  treat:
    /\b(?:treat|treatment|treatments|treated|cure|cured|curable|remed(?:y|ies)|medications?|medicines?|drugs?|therapy|manage|management|get rid|relieve|relief|what (?:can|should) i (?:do|take)|how (?:can|do) i (?:stop|fix|deal)|deal with|help with|home remed)/i,
  symptom: /\b(?:symptoms?|signs?|know if|feels? like|tell if)\b/i,
  cause: /\b(?:cause|causes|caused|causing|why|due to|leads? to|reasons?|triggers?|risk factors?)\b/i,
  prognosis:
    /\b(?:surviv|outlook|prognosis|life expectancy|fatal|die|dying|deadly|go away|permanent|how long (?:does|will|until)|recover)/i,
  diagnose: /\b(?:tests?|testing|diagnos\w*|scan|x-?ray|mri|ct|ecg|ekg|biopsy|blood work|results?)\b/i,
  prevent: /\b(?:prevent|prevention|prevented|avoid|reduce the risk|protect)\b/i,
  safety:
    /\b(?:side effects?|safe|safety|dangerous|harmful|interact\w*|while (?:pregnant|breastfeeding)|pregnan\w*)\b/i,
  define: /^(?:what is|what are|what's)\b/i,
  contagion: /\b(?:contagious|spread|catch|transmit\w*|infectious)\b/i,
  dose: /\b(?:dose|dosage|how much|how many|mg)\b/i,
};

/** The intents a question's text asks about. */
export function questionIntents(text: string): Set<string> {
  return new Set(Object.keys(INTENTS).filter((k) => INTENTS[k].test(text)));
}

/** Per intent: `intent_both_<k>` (both texts ask it) and `intent_one_<k>` (only one does), 0/1. */
export function intentFeatures(a: string, b: string): Record<string, number> {
  const [ia, ib] = [questionIntents(a), questionIntents(b)];
  const out: Record<string, number> = {};
  for (const k of Object.keys(INTENTS)) {
    out[`intent_both_${k}`] = Number(ia.has(k) && ib.has(k));
    out[`intent_one_${k}`] = Number(ia.has(k) !== ib.has(k));
  }
  return out;
}

// Words a question opens with when its writer leaves out the question mark.
const QUESTION_OPENER =
  /^(?:what|how|why|when|where|which|who|whom|whose|is|are|am|was|were|do|does|did|can|could|should|would|will|shall|may|might|has|have|had)\b/i;

/** Whether a text asks something: it has a question mark, or opens like a question ("How do I…"). */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  return t.includes('?') || QUESTION_OPENER.test(t);
}

/** The "same question" badge: the duplicate decision holds and both texts are questions. */
export function sameQuestion(a: string, b: string, duplicate: boolean): boolean {
  return duplicate && isQuestion(a) && isQuestion(b);
}
