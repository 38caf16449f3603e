# Cross-encoder probe: fine-tune a base on MQP train pairs ([CLS] q1 [SEP] q2 [SEP]), score MQP dev;
# alone and as an extra feature of the duplicate classifier (dev-only grouped CV). Never test.
# Usage (from training/): T=<threads> /usr/bin/python3 embeddings/probes/cross_probe.py <base.pt> <epochs> <lr> <seed>
import os
import sys
import time
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "../.."), os.path.join(HERE, "../../embeddings")]
import textproc as tp
import trainutil as U
from model import SequenceClassifier, load_base
from duplicate_classifier import load
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.metrics import roc_auc_score

base, epochs, lr, seed = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
U.setup(int(os.environ.get("T", "2")), seed)
D = "/work/shared/data/sts/medical-question-pairs"


def rd(sp):
    return [l.rstrip("\n").split("\t") for i, l in enumerate(open(f"{D}/{sp}.tsv")) if i]


tr, dv = rd("train"), rd("dev")
wp = tp.WordPiece.load(U.VOCAB)


def ids_of(s):
    return [i for w, _, _ in tp.words(s) for i in wp.wordpiece(w)][:60]


def enc(p):
    a, b = ids_of(p[1]), ids_of(p[2])
    return [2] + a + [3] + b + [3], [0] * (len(a) + 2) + [1] * (len(b) + 1), int(float(p[0]) >= 0.5)


Tr = [enc(p) for p in tr] + [enc([p[0], p[2], p[1]]) for p in tr]  # both orders
Dv = [enc(p) for p in dv]
st = torch.load(base, map_location="cpu")
cfg = dict(st["config"])
m = SequenceClassifier(cfg, 2)
load_base(m, base)
opt = torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=0.01)
steps = epochs * ((len(Tr) + 31) // 32)
sched = U.schedule(opt, steps)


def score(items):
    m.eval()
    out = np.zeros(len(items))
    with torch.no_grad():
        for b in U.batches(items, 64, shuffle=False, key=lambda d: len(d[0])):
            ids = U.pad([items[i][0] for i in b])
            tt = U.pad([items[i][1] for i in b])
            lg = m(ids, (ids != 0).long(), tt)
            out[b] = (lg[:, 1] - lg[:, 0]).numpy()
    m.train()
    return out


yd = np.array([d[2] for d in Dv]).astype(bool)
t0 = time.time()
for ep in range(epochs):
    for b in U.batches(Tr, 32, key=lambda d: len(d[0])):
        ids = U.pad([Tr[i][0] for i in b])
        tt = U.pad([Tr[i][1] for i in b])
        y = torch.tensor([Tr[i][2] for i in b])
        loss = F.cross_entropy(m(ids, (ids != 0).long(), tt), y)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        opt.step()
        sched.step()
    s = score(Dv)
    print(
        f"epoch {ep+1} dev AUC {roc_auc_score(yd, s):.4f} acc@0 {((s>0)==yd).mean():.4f} {time.time()-t0:.0f}s",
        flush=True,
    )
np.save(os.path.join(U.WORK, f"mqp/cross_dev_{os.path.basename(base)}_{seed}.npy"), s)
# dev-only grouped CV of LR(features [+ cross score])
_, X, y_rows = load(os.path.join(U.WORK, "embeddings/pairs/mqp_dev.jsonl"))  # the duplicate classifier's inputs
assert (y_rows == yd).all()
q = [p[1] for p in dv]
gid = {x: i for i, x in enumerate(dict.fromkeys(q))}
g = np.array([gid[x] for x in q])


def thr(pt, yy):
    ts = np.unique(pt)
    return max(ts, key=lambda t: ((pt >= t) == yy).mean())


for name, M in [("features", X), ("features+cross", np.c_[X, s]), ("cross alone", s[:, None])]:
    M = (M - M.mean(0)) / (M.std(0) + 1e-9)
    acc = []
    for r in range(20):
        gg = np.random.RandomState(r).permutation(g.max() + 1)[g]
        for a, b in GroupKFold(5).split(M, yd, gg):
            lr = LogisticRegression(C=1.0, max_iter=5000).fit(M[a], yd[a])
            sa, sb = lr.decision_function(M[a]), lr.decision_function(M[b])
            acc.append(((sb >= thr(sa, yd[a])) == yd[b]).mean())
    print(f"dev-only CV {name}: {np.mean(acc):.4f}")
