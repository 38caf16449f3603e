# Two more inputs for the duplicate classifier, by grouped 5-fold CV over MQP train + dev (groups: the
# first question, so a question's pairs never straddle folds); 5 fold shuffles, C = 3 as shipped.
#  transitive: MQP train holds, per first question Q, a duplicate P and a non-duplicate N; then (P, N) is
#    a non-duplicate too. Added to each fold's training part (only from its own groups), weight w.
#  graded: the output of STS-B-trained boosted trees (graded_scorer.py's settings, without the token-table
#    features, so nothing MQP-trained leaks in) as one more feature.
# Usage (from training/): /usr/bin/python3 embeddings/probes/mqp_inputs_probe.py; needs work/embeddings/pairs
# (build.sh) and, for "transitive", the (P, N) pairs' features: run with --write_pairs first, then
#   npx tsx bench/pair-features.ts models/embeddings training/work/embeddings/pairs/mqp_pn.tsv=training/work/embeddings/pairs/mqp_pn.jsonl
import csv
import os
import sys
import json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "../.."), os.path.join(HERE, "../../embeddings")]
import trainutil as U
from duplicate_classifier import load, FROM_TABLE
from graded_scorer import load as load_graded, boosted_trees
from common import auc, best_threshold, cv_threshold_acc
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

D = "/work/shared/data/sts/medical-question-pairs"
W = os.path.join(U.WORK, "embeddings/pairs")
rows = {sp: list(csv.DictReader(open(f"{D}/{sp}.tsv"), delimiter="\t")) for sp in ("train", "dev")}
groups = {}
for r in rows["train"]:
    groups.setdefault(r["sentence1"], {}).setdefault(r["score"], []).append(r["sentence2"])
if "--write_pairs" in sys.argv:
    with open(os.path.join(W, "mqp_pn.tsv"), "w") as f:
        f.write("score\tsentence1\tsentence2\n")
        for q, g in groups.items():
            for p in g.get("1", []):
                for n in g.get("0", []):
                    f.write(f"0\t{p}\t{n}\n")
    raise SystemExit("wrote mqp_pn.tsv: dump its features (see the header), then run again")

names, X, y = load(os.path.join(W, "mqp_train.jsonl"))
_, Xd, yd = load(os.path.join(W, "mqp_dev.jsonl"))
XP, yP = np.vstack([X, Xd]), np.concatenate([y, yd])
gid = {}
g = np.array([gid.setdefault(r["sentence1"], len(gid)) for r in rows["train"] + rows["dev"]])
pn_group = np.array([gid[q] for q, gr in groups.items() for _ in range(len(gr.get("1", [])) * len(gr.get("0", [])))])
_, Xa, ya = load(os.path.join(W, "mqp_pn.jsonl"))
assert len(Xa) == len(pn_group)

gn, GX, gy = load_graded(os.path.join(W, "stsb_train.jsonl"))
_, GXd, gyd = load_graded(os.path.join(W, "stsb_dev.jsonl"))
keep = [i for i, n in enumerate(gn) if n not in FROM_TABLE]
trees = boosted_trees(400, 3).fit(np.r_[GX, GXd][:, keep], np.r_[gy, gyd])
graded = np.concatenate(
    [
        trees.predict(
            np.array([[json.loads(row)[gn[i]] for i in keep] for row in open(os.path.join(W, f"mqp_{sp}.jsonl"))])
        )
        for sp in ("train", "dev")
    ]
)


def grouped_cv(M, extra_weight=0.0, seeds=5):
    out = []
    for seed in range(seeds):
        shuffled = np.random.default_rng(seed).permutation(g.max() + 1)[g]
        p = np.zeros(len(yP))
        for tr, te in GroupKFold(5).split(M, yP, shuffled):
            Xt, yt, sw = M[tr], yP[tr], np.ones(len(tr))
            if extra_weight:
                m = np.isin(pn_group, g[tr])
                Xt, yt, sw = (
                    np.vstack([Xt, Xa[m]]),
                    np.concatenate([yt, ya[m]]),
                    np.r_[sw, np.full(m.sum(), extra_weight)],
                )
            p[te] = LogisticRegression(C=3, max_iter=10000).fit(Xt, yt, sample_weight=sw).predict_proba(M[te])[:, 1]
        out.append((auc(p, yP), best_threshold(p, yP)[1], cv_threshold_acc(p, yP)))
    return np.array(out).mean(0)


for label, M, w in [
    ("features (shipped)", XP, 0),
    ("+ transitive, w 0.25", XP, 0.25),
    ("+ transitive, w 1", XP, 1.0),
    ("+ graded trees output", np.c_[XP, graded], 0),
]:
    a, acc, acc_cv = grouped_cv(M, w)
    print(f"{label}: AUC {a:.4f}, accuracy {acc:.4f} (threshold cross-validated {acc_cv:.4f})")
