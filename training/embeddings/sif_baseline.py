"""Unsupervised baselines on dev: SIF (Arora et al. 2017) weighted averages of the fastText
WordPiece vectors (work/ft256.vec), weights a / (a + p(token)) from corpus token frequencies, first
principal component (fitted on the train sentences of STS-B + MQP) removed; plus the plain average,
the char n-gram cosine alone, and SIF + char n-grams.
Usage: /usr/bin/python3 training/embeddings/sif_baseline.py"""
import os
import numpy as np
from common import U, tp, DevSet, read_pairs, EWORK, fit_hybrid


def main():
    wp = tp.WordPiece.load(U.VOCAB)
    V = len(wp)
    E = np.zeros((V, 256), np.float32)
    with open(os.path.join(U.WORK, "ft256.vec"), encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip().split(" ")
            if len(p) == 257 and p[0] in wp.vocab:
                E[wp.vocab[p[0]]] = np.array(p[1:], np.float32)
    ids = np.load(os.path.join(U.WORK, "corpus.ids.npy"), mmap_mode="r")
    freq = np.bincount(np.asarray(ids, np.int64), minlength=V).astype(np.float64)
    prob = freq / freq.sum()
    dev = DevSet(wp)
    train_txt = [t for n in ("stsb", "medical-question-pairs") for r in read_pairs(n, "train") for t in r[1:]]
    train_enc = [tp.encode(wp, t)[0] for t in train_txt]
    res = {"lexical_only": dev.report(np.zeros(len(dev.lex)), 1.0)}

    def embed(enc, a, pc=None):
        X = np.zeros((len(enc), 256), np.float32)
        for i, e in enumerate(enc):
            t = np.array(e[1:-1]) if len(e) > 2 else np.array(e)
            w = np.ones(len(t)) if a is None else a / (a + prob[t])
            X[i] = (w[:, None] * E[t]).sum(0) / max(1, len(t))
        if pc is not None:
            X = X - (X @ pc)[:, None] * pc[None]
        return X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-9)

    for name, a, rm in [
        ("avg", None, False),
        ("sif_1e-3", 1e-3, True),
        ("sif_1e-4", 1e-4, True),
        ("sif_1e-3_nopc", 1e-3, False),
    ]:
        pc = None
        if rm:
            Xt = embed(train_enc, a)
            pc = np.linalg.svd(Xt - 0 * Xt.mean(0), full_matrices=False)[2][0]
        X = embed(dev.enc, a, pc)
        cos = dev.cosines(X)
        res[name] = dev.report(cos)
        hyb, thr, table = fit_hybrid(dev, cos)
        best = max(table, key=lambda t: t[4])
        res[name + "+hybrid"] = dict(dev.report(cos, best[0]), ratio=best[0])
    for k, v in res.items():
        print(f"{k:22s} " + " ".join(f"{m} {x:.4f}" for m, x in v.items()))
    os.makedirs(EWORK, exist_ok=True)
    U.save_json(res, os.path.join(EWORK, "sif_baseline.json"))


if __name__ == "__main__":
    main()
