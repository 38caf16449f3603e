"""WordNet for the graded similarity's word-alignment features (workers/tasks/similarity/wordnet.ts): every
single-word lemma with its synsets, each synset's hypernyms (plus adjective similar-to and verb
groups: the "related" step of the alignment), its antonyms (for the contrast features: "man" /
"woman", "up" / "down"), and the irregular-form exception lists of morphy.
Source: WordNet 3.0 (Princeton University; WordNet 3.0 licence, notice in the model card) from the
Debian package wordnet-base (/usr/share/wordnet). Synsets are renumbered 0..n-1.
Usage: /usr/bin/python3 training/embeddings/wordnet_lexicon.py models/embeddings
(writes wordnet.json.gz there and names it in config.json as medtext.wordnet)
"""
import gzip
import json
import os
import sys

from common import set_medtext

WN = "/usr/share/wordnet"
POS = ["noun", "verb", "adj", "adv"]
RELATED = {"@", "@i", "&", "$"}  # hypernym, instance hypernym, similar to (adj), verb group
ANTONYM = "!"


def main(model_dir):
    out = os.path.join(model_dir, "wordnet.json.gz")
    if not os.path.exists(f"{WN}/index.noun"):
        raise SystemExit(f"{WN} missing: apt-get install wordnet-base")
    ids, lemmas, related, antonyms, exceptions = {}, {}, {}, {}, {}
    key = lambda pos, offset: ("a" if pos in "as" else pos) + offset
    for pos in POS:
        for line in open(f"{WN}/index.{pos}", encoding="utf-8"):
            if line.startswith(" "):
                continue
            p = line.split()
            if "_" in p[0]:
                continue
            for off in p[-int(p[2]) :]:
                lemmas.setdefault(p[0], []).append(ids.setdefault(key(pos[0], off), len(ids)))
        for line in open(f"{WN}/data.{pos}", encoding="utf-8"):
            if line.startswith(" "):
                continue
            p = line.split("|")[0].split()
            i = 4 + 2 * int(p[3], 16)
            rel, anti = [], []
            for k in range(int(p[i])):
                sym, off, ps = p[i + 1 + 4 * k : i + 4 + 4 * k]
                if sym in RELATED:
                    rel.append(ids.setdefault(key(ps, off), len(ids)))
                elif sym == ANTONYM:
                    anti.append(ids.setdefault(key(ps, off), len(ids)))
            me = ids.setdefault(key(pos[0], p[0]), len(ids))
            if rel:
                related[me] = rel
            if anti:
                antonyms[me] = sorted(set(anti))
        for line in open(f"{WN}/{pos}.exc", encoding="utf-8"):
            form, base = line.split()[:2]
            if "_" not in form and "_" not in base:
                exceptions.setdefault(form, base)
    data = {
        "source": "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
        "Licence: WORDNET-LICENSE.txt",
        "lemmas": {w: sorted(set(s)) for w, s in sorted(lemmas.items())},
        "related": {str(s): r for s, r in sorted(related.items())},
        "antonyms": {str(s): r for s, r in sorted(antonyms.items())},
        "exceptions": dict(sorted(exceptions.items())),
    }
    with open(out, "wb") as f:  # mtime=0: the same bytes on every rebuild
        f.write(gzip.compress(json.dumps(data, separators=(",", ":")).encode(), compresslevel=9, mtime=0))
    set_medtext(model_dir, wordnet="wordnet.json.gz")
    print(
        f"{out}: {len(data['lemmas'])} lemmas, {len(ids)} synsets, {len(related)} with relations, "
        f"{len(antonyms)} with antonyms, {len(exceptions)} exceptions, {os.path.getsize(out)} bytes"
    )


if __name__ == "__main__":
    main(sys.argv[1])
