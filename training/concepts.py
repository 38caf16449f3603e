"""Entity-linking index for the entities model: normalised term -> concept (ID, preferred name).

Sources, in priority order per type (BC5CDR itself is annotated with MeSH IDs, so MeSH wins):
  Disease:  MeSH 2019 diseases (C + F03), then Human Disease Ontology
  Chemical: MeSH 2019 chemicals (D), then DrugBank open vocabulary
Terms are normalised exactly like the runtime (textproc.words, CONTRACT.md). MeSH inverted
entry terms ("Failure, Renal") are dropped: running text never says them that way.

usage: python3 training/concepts.py models/entities/concepts.json.gz   (gzip: ~1.2 MB instead of ~5.5 MB)
"""
import gzip
import json
import os
import sys

import textproc as tp
import workspace as W

LEX = W.data("lexicons")
SOURCES = {
    "Disease": [("mesh2019_diseases.tsv", "MeSH"), ("disease_ontology.tsv", "Disease Ontology")],
    "Chemical": [("mesh2019_chemicals.tsv", "MeSH"), ("drugbank_vocabulary.tsv", "DrugBank")],
}
MAX_WORDS = 8


def norm(term):
    return " ".join(w for w, _, _ in tp.words(term))


def build():
    out = {"types": {}}
    for etype, files in SOURCES.items():
        terms, concepts = {}, []
        for fname, source in files:
            for i, line in enumerate(open(os.path.join(LEX, fname), encoding="utf-8")):
                if i == 0:
                    continue
                cid, name, _type, synonyms, _xrefs = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
                idx = len(concepts)
                added = False
                for term in [name] + [s for s in synonyms.split("|") if s]:
                    if ", " in term and source == "MeSH":
                        continue
                    key = norm(term)
                    if not key or len(key) < 3 or key.count(" ") >= MAX_WORDS or key in terms:
                        continue
                    terms[key] = idx
                    added = True
                if added:
                    concepts.append([cid, name, source])
        out["types"][etype] = {"terms": terms, "concepts": concepts}
        print(etype, len(terms), "terms", len(concepts), "concepts", file=sys.stderr)
    return out


if __name__ == "__main__":
    data = build()
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: the same input gives the same bytes, so the file only changes when the index does
    with open(sys.argv[1], "wb") as f:
        f.write(gzip.compress(raw, compresslevel=9, mtime=0))
    print(sys.argv[1], os.path.getsize(sys.argv[1]), "bytes", file=sys.stderr)
