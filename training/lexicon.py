"""Entity lexicons for the token_type_ids features (CONTRACT 'Lexicon features').

Terms = training mentions + open vocabularies (lexicons/*.tsv) filtered against common words.
Training sentences get features from an OUT-OF-FOLD lexicon (mentions of the other folds + open
vocabularies), so the model learns how far to trust a match instead of copying it.
"""
import os
from collections import Counter, defaultdict

import textproc as tp
import workspace as W

DATA = W.DATA
TYPES = ["Chemical", "Disease"]
OPEN = {
    "Chemical": ["drugbank_vocabulary.tsv", "mesh2019_chemicals.tsv"],
    "Disease": ["disease_ontology.tsv", "mesh2019_diseases.tsv"],
}


def read_conll(path, split_words=True, keep_case=False):
    """-> list of (words, tags), tokens re-split per CONTRACT words (a source token may become
    several words: the first keeps the tag, the rest continue the entity with I-); with
    split_words=False the source tokens as they are (what the eval harness joins with spaces).
    Words are normalised (tp.words) unless keep_case: then each is its source text."""
    sents, ws, ts = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if ws:
                sents.append((ws, ts))
            ws, ts = [], []
            continue
        tok, tag = line.split("\t")[:2]
        for j, (w, a, b) in enumerate(tp.words(tok) if split_words else [(tok, 0, 0)]):
            ws.append(tok[a:b] if keep_case and split_words else w)
            ts.append(tag if j == 0 or tag == "O" else "I-" + tag[2:])
    if ws:
        sents.append((ws, ts))
    return sents


def spans(tags):
    """BIO tags -> set of (start, end, type); a stray I- starts an entity (conlleval style)."""
    out, start, typ = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def replace_mentions(ws, tags, pools, p, rng, pool_of=lambda t: t, restyle=None):
    """Mention-replacement augmentation: each mention whose type has a pool (pool_of(type) is not
    None) is replaced, with probability p, by a random entry of that pool; the tags follow.
    restyle(new_words, old_words) -> new_words (e.g. the old mention's letter case) if given."""
    out_w, out_t, i = [], [], 0
    for s, e, t in sorted(spans(tags)):
        out_w += ws[i:s]
        out_t += tags[i:s]
        key = pool_of(t)
        swap = key is not None and rng.random() < p
        new = list(pools[key][rng.integers(len(pools[key]))]) if swap else ws[s:e]
        if swap and restyle:
            new = restyle(new, ws[s:e])
        out_w += new
        out_t += ["B-" + t] + ["I-" + t] * (len(new) - 1)
        i = e
    out_w += ws[i:]
    out_t += tags[i:]
    return out_w, out_t


def mention_counts(sents):
    """term -> Counter(type) over annotated mentions."""
    c = defaultdict(Counter)
    for ws, ts in sents:
        for s, e, t in spans(ts):
            c[" ".join(ws[s:e])][t] += 1
    return c


def open_terms(common):
    """names+synonyms of the open vocabularies, minus short/numeric/common-word terms."""
    terms = {t: set() for t in TYPES}
    for typ, files in OPEN.items():
        for fn in files:
            for i, line in enumerate(open(os.path.join(DATA, "lexicons", fn), encoding="utf-8")):
                if i == 0:
                    continue
                f = line.rstrip("\n").split("\t")
                for name in [f[1]] + (f[3].split("|") if f[3] else []):
                    k = tp.term_key(name)
                    ws = k.split(" ")
                    if len(k) < 3 or len(ws) > 8 or not any(ch.isalpha() for ch in k):
                        continue
                    if len(ws) == 1 and k in common:
                        continue
                    if "," in ws:  # MeSH inverted forms ("abdomen , acute") never occur in text
                        continue
                    terms[typ].add(k)
    return terms


def text_presence(terms, lines, max_words=8):
    """keep only terms that occur somewhere in `lines` (normalised word lines): keeps lexicon.json small."""
    first = defaultdict(set)
    for k in terms:
        ws = tuple(k.split(" "))
        first[ws[0]].add(ws)
    found = set()
    for line in lines:
        ws = line.split()
        for i, w in enumerate(ws):
            if w in first:
                for cand in first[w]:
                    if tuple(ws[i : i + len(cand)]) == cand:
                        found.add(" ".join(cand))
    return found


def precision_filter(cands, sents, min_prec=0.3, min_seen=2, annotated=None):
    """drop terms that occur in the labelled text but are rarely annotated as that type
    (counted only in sentences whose dataset annotates that type)."""
    seen, hit = Counter(), Counter()
    lex = tp.Lexicon(TYPES, cands, max_words=10)
    for si, (ws, ts) in enumerate(sents):
        ann = annotated[si] if annotated else set(TYPES)
        gold = spans(ts)
        f = lex.features(ws)
        i = 0
        while i < len(ws):
            if f[i] % 2 == 1:
                t = (f[i] - 1) // 2
                e = i + 1
                while e < len(ws) and f[e] == f[i] + 1:
                    e += 1
                key = (" ".join(ws[i:e]), TYPES[t])
                if TYPES[t] not in ann:
                    i = e
                    continue
                seen[key] += 1
                hit[key] += (i, e, TYPES[t]) in gold
                i = e
            else:
                i += 1
    out = {t: [] for t in TYPES}
    for t in TYPES:
        for k in cands[t]:
            n = seen[(k, t)]
            if n >= min_seen and hit[(k, t)] / n < min_prec:
                continue
            out[t].append(k)
    return out


def merge(mcounts, opent):
    """training mentions (majority type) first, then open-vocabulary terms."""
    terms = {t: set() for t in TYPES}
    for k, c in mcounts.items():
        terms[c.most_common(1)[0][0]].add(k)
    for t in TYPES:
        terms[t] |= opent[t]
    return {t: sorted(v) for t, v in terms.items()}


def fold_of(i, k=5, block=20):
    # contiguous blocks keep most sentences of one abstract in one fold
    return (i // block) % k


def build(train_sents, common, corpus_lines, k=5, min_prec=0.3, annotated=None):
    """-> (full Lexicon, [Lexicon per fold], stats). train_sents: list of (words, tags);
    annotated: per sentence, the set of types its dataset annotates (default: all)."""
    annotated = annotated or [set(TYPES)] * len(train_sents)
    opent = open_terms(common)
    allo = set().union(*opent.values())
    # the corpus scan takes ~2 min; its result depends on the open terms and the corpus, not the NER data
    cache = os.path.join(W.WORK, "open_present.txt")
    key = W.input_key([getattr(corpus_lines, "name", "")], terms=sorted(allo))
    if W.is_fresh(cache, key):
        present = set(open(cache, encoding="utf-8").read().split("\n"))
    else:
        present = text_presence(allo, corpus_lines)
        open(cache, "w", encoding="utf-8").write("\n".join(sorted(present)))
        W.mark_built(cache, key)
    opent = {t: {x for x in v if x in present} for t, v in opent.items()}
    full = precision_filter(merge(mention_counts(train_sents), opent), train_sents, min_prec, annotated=annotated)
    per_fold = []
    for f in range(k):
        idx = [i for i in range(len(train_sents)) if fold_of(i, k) != f]
        other = [train_sents[i] for i in idx]
        terms = precision_filter(
            merge(mention_counts(other), opent), other, min_prec, annotated=[annotated[i] for i in idx]
        )
        per_fold.append(tp.Lexicon(TYPES, terms))
    stats = {t: len(v) for t, v in full.items()}
    return tp.Lexicon(TYPES, full), per_fold, stats


def common_words(path, top=3000, max_lines=300000):
    c = Counter()
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= max_lines:
                break
            c.update(line.split())
    return {w for w, _ in c.most_common(top)}
