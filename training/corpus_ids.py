"""Corpus -> one int16 WordPiece id stream (work/corpus.ids.npy, the MLM input of pretrain.py, which
builds it here on first use and again when an input changes), documents separated by [SEP]: the same
pre-tokenisation and WordPiece as
tokenizer.py's corpus.wp.txt (the fastText input), straight to ids.
--parts picks corpus files by name prefix; the labelled train texts of tokenizer.py are always added.
Usage: python3 corpus_ids.py [--parts clinical,consumer] [--out work/corpus.ids.npy]"""
import argparse
import glob
import gzip
import os
from multiprocessing import Pool
import numpy as np
import textproc as tp
import tokenizer as T
import trainutil as U
import workspace as W

DEFAULT_OUT = os.path.join(U.WORK, "corpus.ids.npy")

_wp = None


def _init():
    global _wp
    _wp = tp.WordPiece.load(U.VOCAB)


def to_ids(line):
    words = T.pretok(line).split()
    return [i for w in words for i in _wp.wordpiece(w)]


def lines(parts):
    for f in sorted(glob.glob(f"{T.DATA}/corpus/*.txt.gz")):
        if parts and not any(os.path.basename(f).startswith(p) for p in parts):
            continue
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            yield from fh
    for s in T.labelled_texts():
        yield s
        yield ""


def build(parts=(), procs=2):
    """The id stream of the corpus files whose names start with one of `parts` (all when empty)."""
    out, blank = [], True
    with Pool(procs, initializer=_init) as pool:
        for ids in pool.imap(to_ids, lines(parts), chunksize=2000):
            if not ids:
                if not blank:
                    out.append(3)
                blank = True
            else:
                out.extend(ids)
                blank = False
    return np.array(out, dtype=np.int16)


def cached(path=DEFAULT_OUT, parts=(), procs=2):
    """The id stream at `path`, rebuilt unless it was built from the same corpus, train texts,
    vocabulary, code and parts (workspace cache key); memory-mapped."""
    inputs = glob.glob(f"{T.DATA}/corpus/*.txt.gz") + glob.glob(f"{T.DATA}/ner/*/train.tsv")
    inputs += glob.glob(f"{T.DATA}/tc/*/train.tsv") + [U.VOCAB]
    key = W.input_key(inputs + W.sources("textproc.py", "tokenizer.py", "corpus_ids.py"), parts=sorted(parts))
    if not W.is_fresh(path, key):
        arr = build(parts, procs)
        with open(path + ".tmp", "wb") as f:  # np.save would add .npy to a name without it
            np.save(f, arr)
        os.replace(path + ".tmp", path)
        W.mark_built(path, key)
        print(f"{len(arr)} ids -> {path}")
    return np.load(path, mmap_mode="r")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parts", default="")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--procs", type=int, default=2)
    a = ap.parse_args()
    cached(a.out, [p for p in a.parts.split(",") if p], a.procs)


if __name__ == "__main__":
    main()
