"""Builds models/deid/keep-words.json.gz: words that are not, on their own, a person's name.

The deid rules (workers/tasks/deid/keep-words.ts) drop a name the tagger or a pattern found when all
its words are such words and nothing around it says "person" (a title, a credential, a confirmed name
elsewhere in the note): "Hello", "My", "credit", "Hydroxychloroquine", "Babinski".

  common   lower-case entries of a general English dictionary (Debian's wamerican:
           /usr/share/dict/american-english; `apt-get install wamerican`), less the words the deid
           gazetteer lists as first names ("hunter", "mark" stay possible names); plurals whose
           singular is listed are left out (the reader strips a final "s").
  drugs    one-word drug names and synonyms from DrugBank's open vocabulary (5+ letters), less first
           names and common words.
  eponyms  capitalised words inside Disease Ontology and MeSH disease names ("Parkinson", "Crohn",
           "Stevens", "Babinski") that are names: listed by the gazetteer or proper nouns of the dictionary.

Usage: python training/deid_keep_words.py [--data ../shared/data] [--out models/deid/keep-words.json.gz]
"""

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

WORD = re.compile(r"[a-z]+")
CAPITALISED = re.compile(r"[A-Z][a-z]+")


def read_terms(path: Path):
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            yield row["name"], [s for s in row["synonyms"].split("|") if s]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--dictionary", default="/usr/share/dict/american-english")
    ap.add_argument("--gazetteer", default="models/deid/lexicon.json.gz")
    ap.add_argument("--out", default="models/deid/keep-words.json.gz")
    args = ap.parse_args()
    lexicons = Path(args.data) / "lexicons"

    gazetteer = json.load(gzip.open(args.gazetteer))["terms"]
    first_names = set(gazetteer["FirstName"])
    surnames = set(gazetteer["Surname"])

    dictionary = Path(args.dictionary).read_text(encoding="utf-8").split("\n")
    lower = {w for w in dictionary if WORD.fullmatch(w)}
    # The dictionary's capitalised entries are proper nouns ("Parkinson", "Crohn").
    proper_nouns = {w.lower() for w in dictionary if CAPITALISED.fullmatch(w)}
    person_names = first_names | surnames | set(gazetteer["OtherName"])
    common = {w for w in lower if w not in first_names}
    # A plural whose singular is listed: the reader strips the "s".
    common = {w for w in common if not (w.endswith("s") and w[:-1] in common)}

    drugs = set()
    for name, synonyms in read_terms(lexicons / "drugbank_vocabulary.tsv"):
        for term in [name, *synonyms]:
            t = term.strip().lower()
            if re.fullmatch(r"[a-z]{5,}", t) and t not in first_names and t not in lower:
                drugs.add(t)

    eponyms = set()
    for file, first_is_case in (("disease_ontology.tsv", True), ("mesh2019_diseases.tsv", False)):
        for name, synonyms in read_terms(lexicons / file):
            for term in [name, *synonyms]:
                tokens = re.split(r"[\s\-/(),]+|'s\b|’s\b", term)
                tokens = [t for t in tokens if t]
                # MeSH capitalises a name's first word; Disease Ontology writes only proper nouns so.
                for i, tok in enumerate(tokens):
                    if (i > 0 or first_is_case) and CAPITALISED.fullmatch(tok):
                        low = tok.lower()
                        if low in person_names or low in proper_nouns:
                            eponyms.add(low)

    out = {
        "source": "training/deid_keep_words.py: wamerican (Debian), DrugBank open vocabulary (CC0), "
        "Disease Ontology (CC0), MeSH 2019 (NLM)",
        "common": sorted(common),
        "drugs": sorted(drugs),
        "eponyms": sorted(eponyms),
    }
    data = json.dumps(out, separators=(",", ":")).encode("utf-8")
    Path(args.out).write_bytes(gzip.compress(data, mtime=0))
    print(json.dumps({k: len(v) for k, v in out.items() if isinstance(v, list)} | {"bytes": len(gzip.compress(data))}))


if __name__ == "__main__":
    main()
