"""Shared helpers for the sentence-embeddings model: data, the app's pooling + pair score
(workers/tasks/similarity/similarity.ts, workers/tasks/similarity/ngrams.ts) re-implemented in Python, dev evaluation,
hybrid fit."""
import json
import math
import os
import sys
from collections import Counter
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
sys.path.insert(0, TRAINING)
import trainutil as U  # noqa: E402,F401 (re-exported: `from common import U`)
import textproc as tp  # noqa: E402
import workspace as W  # noqa: E402

DATA = W.DATA
EWORK = os.path.join(TRAINING, "work", "embeddings")


def read_pairs(name, split):
    """sts/<name>/<split>.tsv -> list of (score float, s1, s2)."""
    out = []
    with open(f"{DATA}/sts/{name}/{split}.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 3:
                out.append((float(p[0]), p[1], p[2]))
    return out


def read_medquad(split):
    out = []
    with open(f"{DATA}/qa/medquad/{split}.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 6 and p[4] and p[5]:
                out.append(dict(qid=p[0], source=p[1], qtype=p[2], focus=p[3], question=p[4], answer=p[5]))
    return out


# ---------------------------------------------------------------- lexical score (ngrams.ts)
def ngram_counts(text, sizes=(3, 4)):
    c = Counter()
    for w, _, _ in tp.words(text):
        padded = f" {w} "
        for n in sizes:
            for i in range(0, len(padded) - n + 1):
                c[padded[i : i + n]] += 1
    return c


def char_ngram_cosine(a, b, sizes=(3, 4)):
    ca, cb = ngram_counts(a, sizes), ngram_counts(b, sizes)
    dot = sum(x * cb.get(g, 0) for g, x in ca.items())
    d = math.sqrt(sum(x * x for x in ca.values())) * math.sqrt(sum(x * x for x in cb.values()))
    return 0.0 if d == 0 else dot / d


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# ---------------------------------------------------------------- metrics
def spearman(x, y):
    from scipy.stats import spearmanr  # noqa

    return float(spearmanr(x, y).correlation)


def pearson(x, y):
    return float(np.corrcoef(x, y)[0, 1])


def auc(scores, labels):
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def best_threshold(scores, labels):
    """threshold (midpoint between sorted scores) maximising accuracy -> (thr, acc)."""
    s = np.asarray(scores, float)
    y = np.asarray(labels, int)
    o = np.argsort(s)
    s, y = s[o], y[o]
    n = len(s)
    # predict 1 for s >= thr; thr below index k -> items k.. predicted 1
    pos_right = np.concatenate([np.cumsum(y[::-1])[::-1], [0]])  # positives in [k:]
    neg_left = np.concatenate([[0], np.cumsum(1 - y)])  # negatives in [:k]
    acc = (pos_right + neg_left) / n
    k = int(np.argmax(acc))
    if k == 0:
        thr = s[0] - 1e-6
    elif k == n:
        thr = s[-1] + 1e-6
    else:
        thr = (s[k - 1] + s[k]) / 2
    return float(thr), float(acc[k])


def smooth_threshold(scores, labels, band=0.02, grid=None):
    """threshold maximising accuracy averaged over [t - band, t + band] (robust to the exact
    position of single dev points, e.g. q8 batch-composition jitter)."""
    s = np.asarray(scores, float)
    y = np.asarray(labels, int)
    grid = np.linspace(s.min(), s.max(), 2001) if grid is None else grid
    acc = np.array([((s >= t) == (y == 1)).mean() for t in grid])
    step = grid[1] - grid[0]
    k = max(1, int(round(band / step)))
    sm = np.convolve(acc, np.ones(2 * k + 1) / (2 * k + 1), mode="same")
    i = int(np.argmax(sm[k:-k])) + k if len(sm) > 2 * k + 1 else int(np.argmax(sm))
    return float(grid[i]), float(acc[i])


def cv_threshold_acc(scores, labels, folds=5, seed=0):
    """accuracy when the threshold is chosen on the other folds (honest dev estimate)."""
    s = np.asarray(scores, float)
    y = np.asarray(labels, int)
    idx = np.random.RandomState(seed).permutation(len(s))
    correct = 0
    for f in range(folds):
        te = idx[f::folds]
        tr = np.setdiff1d(idx, te)
        thr, _ = best_threshold(s[tr], y[tr])
        correct += int(((s[te] >= thr) == (y[te] == 1)).sum())
    return correct / len(s)


class DevSet:
    """STS-B dev + MQP dev, pre-encoded, with lexical scores precomputed."""

    def __init__(self, wp, max_length=128, split="dev"):
        self.stsb = read_pairs("stsb", split)
        self.mqp = read_pairs("medical-question-pairs", split)
        self.sts_gold = np.array([r[0] for r in self.stsb])
        self.mqp_gold = np.array([int(r[0] >= 0.5) for r in self.mqp])
        self.texts = [t for r in self.stsb + self.mqp for t in (r[1], r[2])]
        self.enc = [tp.encode(wp, t, None, max_length)[0] for t in self.texts]
        self.lex = np.array([char_ngram_cosine(r[1], r[2]) for r in self.stsb + self.mqp])
        self.n_sts = len(self.stsb)

    def split_scores(self, pair_scores):
        return pair_scores[: self.n_sts], pair_scores[self.n_sts :]

    def cosines(self, emb):
        """emb: [2*pairs, d] L2-normalised (row order = self.texts)."""
        return (emb[0::2] * emb[1::2]).sum(1)

    def report(self, cos, r=0.0):
        z = cos + r * self.lex
        zs, zm = self.split_scores(z)
        thr, acc = best_threshold(zm, self.mqp_gold)
        return dict(
            sts_spearman=spearman(zs, self.sts_gold),
            sts_pearson=pearson(zs, self.sts_gold),
            mqp_auc=auc(zm, self.mqp_gold),
            mqp_acc=acc,
            mqp_thr=thr,
            mqp_acc_cv=cv_threshold_acc(zm, self.mqp_gold),
        )


def score_of(rep):
    """model selection on dev: mean of STS-B Spearman and MQP AUC."""
    return 0.5 * (rep["sts_spearman"] + rep["mqp_auc"])


def hybrid_score(hyb, cos, lex):
    """The shipped pair score (workers/tasks/similarity/similarity.ts pairScore):
    sigmoid(w_embed * cos + w_lexical * lex + bias)."""
    return sigmoid(hyb["w_embed"] * cos + hyb["w_lexical"] * lex + hyb["bias"])


def set_medtext(model_dir, **keys):
    """Add or replace keys of config.json's medtext block (indent 1, final newline)."""
    path = os.path.join(model_dir, "config.json")
    cfg = json.load(open(path))
    cfg["medtext"].update(keys)
    with open(path, "w") as f:
        json.dump(cfg, f, indent=1)
        f.write("\n")
    return cfg


def fit_hybrid(dev, cos, ratios=np.linspace(0, 3, 61)):
    """choose r = w_lexical / w_embed on dev (mean of STS-B Spearman and MQP AUC), then fit scale and
    bias of sigmoid(s * (cos + r * lex) + b) by logistic regression on MQP dev labels, and the pair
    threshold on MQP dev accuracy. Returns (hybrid dict, threshold, table of ratios)."""
    from sklearn.linear_model import LogisticRegression

    table = []
    for r in ratios:
        rep = dev.report(cos, r)
        table.append((float(r), rep["sts_spearman"], rep["mqp_auc"], rep["mqp_acc"], score_of(rep)))
    r = max(table, key=lambda t: t[4])[0]
    z = cos + r * dev.lex
    zs, zm = dev.split_scores(z)
    lr = LogisticRegression(C=1e4).fit(zm[:, None], dev.mqp_gold)
    s, b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    hybrid = {"w_embed": round(s, 5), "w_lexical": round(s * r, 5), "bias": round(b, 5), "char_ngrams": [3, 4]}
    pm = hybrid_score(hybrid, dev.split_scores(cos)[1], dev.split_scores(dev.lex)[1])
    thr, acc = best_threshold(pm, dev.mqp_gold)
    return hybrid, thr, table


def shipped_hybrid(dev, cos):
    """What the exports ship: fit_hybrid on dev cosines, then the pair threshold smoothed over +-0.02
    on MQP dev, and the dev report of the shipped score. Returns (hybrid, threshold, report, ratio table)."""
    hyb, _, table = fit_hybrid(dev, cos)
    sc = hybrid_score(hyb, cos, dev.lex)
    sm = dev.split_scores(sc)[1]
    thr, _ = smooth_threshold(sm, dev.mqp_gold, band=0.02, grid=np.linspace(0.2, 0.8, 601))
    rep = dev.report(sc)  # sigmoid is monotone: Spearman/AUC as for the linear blend
    rep["mqp_acc"] = float(((sm >= thr) == (dev.mqp_gold == 1)).mean())
    rep["mqp_acc_cv"] = cv_threshold_acc(sm, dev.mqp_gold)
    return hyb, thr, dict(rep, pair_threshold=thr), table
