// Building regexes from text the user or a rule file gives: its special characters match literally.

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regex source for a literal phrase whose spaces match any run of whitespace ("hx  of" finds "hx of"). */
export const phrasePattern = (phrase: string): string => escapeRegex(phrase.trim()).replace(/\s+/g, '\\s+');
