"""Concept synonym table for concept-aware similarity: models/embeddings/concepts.json.gz.

Two sentences that name one concept in different words ("heart attack" / "myocardial infarction",
"Lasix" / "furosemide") should compare as close; the similarity task maps mentions to concepts with
this table (workers/text/concepts.ts, findConceptMentions).

Sources, merged into one concept per meaning:
  * MeSH 2019 diseases and chemicals, Human Disease Ontology, DrugBank open vocabulary
    (../shared/data/lexicons): a DO class joins the MeSH descriptor its MESH: xref names; concepts
    whose preferred names normalise alike join (MeSH "Acetaminophen" = DrugBank "Acetaminophen").
  * training/embeddings/lay_terms.json: curated lay terms, abbreviations, brand names and drug
    classes; a curated term wins over a vocabulary synonym.
Only concepts with two or more surface forms are kept (one form cannot link different words), and
only short plain terms (<= 5 words, no digits, no MeSH inverted forms): that keeps the file small.
Short all-capitals abbreviations (curated aliases of <= 5 characters with two capitals, or
<= 3 with one) go to a
case-sensitive table, so "MS" links and "ms" does not.

Output (the ConceptIndex of workers/text/concepts.ts, one type "concept"):
  {"types": {"concept": {"terms": {norm: i}, "cased": {exact: i}, "concepts": [[id, name, source]]}}}

usage: python3 training/embeddings/build_concepts.py models/embeddings/concepts.json.gz
"""
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import textproc as tp  # noqa: E402
import workspace as W  # noqa: E402

LEX = W.data("lexicons")
# Priority order: a term claimed by two concepts goes to the earlier source.
FILES = [
    ("mesh2019_diseases.tsv", "MeSH"),
    ("mesh2019_chemicals.tsv", "MeSH"),
    ("disease_ontology.tsv", "Disease Ontology"),
    ("drugbank_vocabulary.tsv", "DrugBank"),
]
MAX_WORDS = 5
MAX_CHARS = 40
# Vocabulary synonyms that are everyday words would link unrelated sentences ("lead", "gold", "set").
STOP_TERMS = set(
    (
        "all can may will set men women man woman sex age aging aged eye eyes fat lead gold silver water "
        "light iron salt air home cold heat milk hand head face back arm leg foot body blood bone skin "
        "tin zinc copper glass wood dust soil smoke fire food diet rest sleep work play care tea coffee "
        "wine beer juice sugar oil gas soap paper cell cells drug drugs agent agents"
    ).split()
)
CASED_MAX = 5


def norm(term):
    return " ".join(w for w, _, _ in tp.words(term))


def is_cased(term):
    """Short abbreviations are matched with their case ("MS", "PE", "Cr"); brand names are not ("Lasix")."""
    capitals = len(re.findall(r"[A-Z]", term))
    return len(term) <= CASED_MAX and " " not in term and (capitals >= 2 or (capitals and len(term) <= 3))


def keep_vocab_term(term, key):
    if not key or ", " in term or len(term) > MAX_CHARS or key.count(" ") >= MAX_WORDS:
        return False
    if re.search(r"\d", term) or key in STOP_TERMS:
        return False
    # An acronym lower-cased is often an everyday word ("SAIDS" / "said", "DOORS" / "door").
    if term.isupper():
        return False
    # Short vocabulary terms are abbreviations shared by many meanings ("AD", "PD"): only the
    # curated layer adds those.
    return len(key) >= 5 or (len(key) >= 4 and term.islower())


class Groups:
    """Union-find over concept IDs."""

    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra  # the first (higher-priority) concept stays the representative


def read_vocab():
    rows = []  # (id, name, source, synonyms, mesh_xrefs)
    for fname, source in FILES:
        with open(os.path.join(LEX, fname), encoding="utf-8") as f:
            next(f)
            for line in f:
                cid, name, _type, syns, xrefs = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
                mesh = [x for x in xrefs.split("|") if x.startswith("MESH:")]
                rows.append((cid, name, source, [s for s in syns.split("|") if s], mesh))
    return rows


def build(lay_path):
    rows = read_vocab()
    groups = Groups()
    by_name = {}
    for cid, name, _src, _syns, mesh in rows:
        groups.find(cid)
        key = norm(name)
        if key in by_name:
            groups.union(by_name[key], cid)
        else:
            by_name[key] = cid
    for cid, _name, _src, _syns, mesh in rows:
        for m in mesh:
            if m in groups.parent:
                groups.union(m, cid)

    info = {}  # representative -> (id, name, source); the name is what the app shows and the
    # concept-named text says, so a MeSH inverted heading ("Fractures, Bone") gives way to a synonym.
    for cid, name, src, syns, _m in rows:
        plain = [t for t in [name] + syns if ", " not in t]
        info.setdefault(groups.find(cid), (cid, plain[0] if plain else name, src))
    terms, cased = {}, {}  # key -> representative
    # Preferred names first, then synonyms: a term that is one concept's name stays with it.
    for pass_names in (True, False):
        for cid, name, _src, syns, _m in rows:
            rep = groups.find(cid)
            for term in [name] if pass_names else syns:
                key = norm(term)
                if keep_vocab_term(term, key):
                    terms.setdefault(key, rep)

    lay = json.load(open(lay_path, encoding="utf-8"))["concepts"]
    curated = set()
    for canonical, aliases in lay.items():
        key = norm(canonical)
        rep = terms.get(key) or terms.get(key + "s") or by_name.get(key)
        rep = groups.find(rep) if rep else None
        if rep is None:
            rep = "MEDTEXT:" + re.sub(r"[^a-z0-9]+", "-", key).strip("-")
            info[rep] = (rep, canonical, "medtext curated")
        if "," in canonical:  # the curated name reads better than an inverted heading
            plain = [a for a in aliases if len(a) > 5 and not is_cased(a)]
            info[rep] = (info[rep][0], plain[0] if plain else info[rep][1], info[rep][2])
        curated.add(rep)
        terms[key] = rep
        for alias in aliases:
            if is_cased(alias):
                cased[alias] = rep
            else:
                terms[norm(alias)] = rep

    # A plural whose singular links the same concept is left to the matcher's plural fallback.
    for key in [k for k, r in terms.items() if k.endswith("s") and terms.get(k[:-1]) == r]:
        del terms[key]
    # DrugBank-only concepts (not in MeSH, not curated) are mostly experimental compounds with
    # spellings in several languages: left out for size.
    in_mesh = {groups.find(cid) for cid, *_ in rows if cid.startswith("MESH:")}
    # Keep concepts with two or more surface forms (or curated ones).
    forms = {}
    for table in (terms, cased):
        for key, rep in table.items():
            forms.setdefault(rep, set()).add(key.lower())
    kept = sorted(
        rep
        for rep, f in forms.items()
        if rep in curated or (len(f) >= 2 and (rep in in_mesh or not rep.startswith("DRUGBANK:")))
    )
    index = {rep: i for i, rep in enumerate(kept)}
    table = {
        "terms": {k: index[r] for k, r in sorted(terms.items()) if r in index},
        "cased": {k: index[r] for k, r in sorted(cased.items()) if r in index},
        "concepts": [list(info[rep]) for rep in kept],
    }
    print(len(kept), "concepts", len(table["terms"]), "terms", len(table["cased"]), "cased", file=sys.stderr)
    return {"types": {"concept": table}}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = build(os.path.join(HERE, "lay_terms.json"))
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(sys.argv[1], "wb") as f:  # mtime=0: same input, same bytes
        f.write(gzip.compress(raw, compresslevel=9, mtime=0))
    print(sys.argv[1], os.path.getsize(sys.argv[1]), "bytes (raw", len(raw), ")", file=sys.stderr)
