# Does a mean-pooled cosine of the GPU-continued MLM base add to the duplicate classifier's features?
# 5-fold grouped CV over MQP train + dev pooled (the encoder never saw these pairs' labels).
# Usage (from training/): /usr/bin/python3 embeddings/probes/ctx_probe.py <base.pt>; needs work/embeddings/pairs (build.sh).
import os
import sys
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "../.."), os.path.join(HERE, "../../embeddings")]
import textproc as tp
import trainutil as U
from model import Bert
from duplicate_classifier import load
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

torch.set_num_threads(2)
base = sys.argv[1]
D = "/work/shared/data/sts/medical-question-pairs"
P = []
for sp in ("train", "dev"):
    for i, line in enumerate(open(f"{D}/{sp}.tsv")):
        if i:
            P.append(line.rstrip("\n").split("\t"))
wp = tp.WordPiece.load(U.VOCAB)
st = torch.load(base, map_location="cpu")
cfg = st["config"]
bert = Bert(cfg)
bert.load_state_dict({k: v.float() for k, v in st["bert"].items()})
bert.eval()


def enc(s):
    ws = [w for w, _, _ in tp.words(s)]
    return [2] + [i for w in ws for i in wp.wordpiece(w)][:126] + [3]


sents = sorted({s for p in P for s in p[1:]})
idx = {s: i for i, s in enumerate(sents)}
E = {}
with torch.no_grad():
    for k in range(0, len(sents), 64):
        b = [enc(s) for s in sents[k : k + 64]]
        ids = U.pad(b)
        am = (ids != 0).long()
        outs = []
        x = bert.word(ids) + bert.pos(torch.arange(ids.shape[1])[None]) + bert.typ(torch.zeros_like(ids))
        x = bert.ln(x)
        bias = (1.0 - am[:, None, None, :].float()) * -10000.0
        hs = [x]
        for layer in bert.layers:
            x = layer(x, bias)
            hs.append(x)
        m = am[..., None].float()
        for L, h in enumerate(hs):
            v = ((h * m).sum(1) / m.sum(1)).numpy()
            E.setdefault(L, []).append(v)
E = {L: np.concatenate(v) for L, v in E.items()}


def cos(L):
    A = E[L][[idx[p[1]] for p in P]]
    B = E[L][[idx[p[2]] for p in P]]
    A = A - E[L].mean(0)
    B = B - E[L].mean(0)
    return (A * B).sum(1) / np.linalg.norm(A, axis=1) / np.linalg.norm(B, axis=1)


# the duplicate classifier's own inputs (its reader, so the same features are left out)
parts = [load(os.path.join(U.WORK, f"embeddings/pairs/mqp_{f}.jsonl")) for f in ("train", "dev")]
X = np.vstack([p[1] for p in parts])
y = np.concatenate([p[2] for p in parts])
assert len(X) == len(P) and all((float(p[0]) >= 0.5) == t for p, t in zip(P, y))
q = [p[1] for p in P]
gid = {s: i for i, s in enumerate(dict.fromkeys(q))}
g = np.array([gid[s] for s in q])


def thr(pt, yy):
    ts = np.unique(pt)
    return max(ts, key=lambda t: ((pt >= t) == yy).mean())


from sklearn.metrics import roc_auc_score

feats = {"none": None, **{f"L{L}": cos(L)[:, None] for L in E}, "L0+L4": np.c_[cos(0), cos(len(E) - 1)]}
for L in E:
    print(f"L{L} cos alone AUC {roc_auc_score(y, cos(L)):.4f}")
for name, F in feats.items():
    M = X if F is None else np.c_[X, F]
    mu, sd = M.mean(0), M.std(0) + 1e-9
    M = (M - mu) / sd
    accs, aucs = [], []
    for seed in range(10):
        gg = np.random.RandomState(seed).permutation(g.max() + 1)[g]
        for a, b in GroupKFold(5).split(M, y, gg):
            lr = LogisticRegression(C=1.0, max_iter=5000).fit(M[a], y[a])
            st_, se = lr.decision_function(M[a]), lr.decision_function(M[b])
            accs.append(((se >= thr(st_, y[a])) == y[b]).mean())
            aucs.append(roc_auc_score(y[b], se))
    print(f"{name}: CV acc {np.mean(accs):.4f} auc {np.mean(aucs):.4f}")
