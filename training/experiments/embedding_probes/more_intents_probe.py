# More question intents for the duplicate classifier (session 11): MedQuAD's question types that
# question-intent.ts lacks (inheritance, complications, frequency, susceptibility) and consumer cues
# (seeking care, "is it normal", duration, self-diagnosis), each as intent_both_k / intent_one_k.
# Grouped 5-fold CV over MQP train + dev (groups: the first question), 10 fold shuffles, C = 3 as
# shipped, threshold cross-validated. Rule (written first): adopt if accuracy rises >= 0.005 and AUC
# rises. Measured: all eight +0.0023 accuracy (0.7483 -> 0.7506), AUC 0.8238 -> 0.8245, 6 of 10
# shuffles better: not adopted.
# Usage (from training/): /usr/bin/python3 embeddings/probes/more_intents_probe.py (needs
# work/embeddings/pairs from build.sh).
import csv
import os
import sys
import re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "../.."), os.path.join(HERE, "../../embeddings")]
import trainutil as U
from duplicate_classifier import load
from common import auc, best_threshold, cv_threshold_acc
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

D = "/work/shared/data/sts/medical-question-pairs"
W = os.path.join(U.WORK, "embeddings/pairs")
rows = [r for sp in ("train", "dev") for r in csv.DictReader(open(f"{D}/{sp}.tsv"), delimiter="\t")]
names, X, y = load(f"{W}/mqp_train.jsonl")
_, Xd, yd = load(f"{W}/mqp_dev.jsonl")
X = np.vstack([X, Xd])
y = np.concatenate([y, yd])
gid = {}
g = np.array([gid.setdefault(r["sentence1"], len(gid)) for r in rows])
NEW = {
    "inherit": r"\b(?:inherit\w*|hereditary|heredity|genetic\w*|genes?|runs? in (?:the |my |our )?famil\w*|passed down|pass(?:ed)? (?:it )?on to)\b",
    "complication": r"\b(?:complications?|long[- ]term effects?|damage)\b",
    "frequency": r"\b(?:how common|common is|how many people|prevalence|rare)\b",
    "susceptibility": r"\b(?:at risk|who (?:gets|is likely)|more likely|chances? of|risk of|likely to (?:get|develop))\b",
    "careseek": r"\b(?:see a doctor|see my doctor|go to (?:the )?(?:doctor|er|emergency|hospital)|should i (?:be )?(?:worr\w*|concerned)|emergency|urgent\w*|need to see|consult)\b",
    "normal": r"\b(?:is (?:it|this|that) normal|normal to|normal\?)",
    "duration": r"\b(?:how long|how soon|when will|when can|when should)\b",
    "selfdiag": r"\b(?:could i be|could it be|do i have|is (?:it|this) (?:a |an )?(?:sign|symptom)|what (?:could|might) (?:it|this) be|what is wrong)\b",
}


def feats(a, b, keys):
    out = []
    for k in keys:
        ra, rb = bool(re.search(NEW[k], a, re.I)), bool(re.search(NEW[k], b, re.I))
        out += [ra and rb, ra != rb]
    return out


def grouped_cv(M, seeds=10):
    out = []
    for seed in range(seeds):
        sh = np.random.default_rng(seed).permutation(g.max() + 1)[g]
        p = np.zeros(len(y))
        for tr, te in GroupKFold(5).split(M, y, sh):
            p[te] = LogisticRegression(C=3, max_iter=10000).fit(M[tr], y[tr]).predict_proba(M[te])[:, 1]
        out.append((auc(p, y), best_threshold(p, y)[1], cv_threshold_acc(p, y)))
    return np.array(out).mean(0), np.array(out)[:, 2]


base, bacc = grouped_cv(X)
print("shipped", base.round(4))
for k in NEW:
    n = sum(
        bool(re.search(NEW[k], r["sentence1"], re.I)) or bool(re.search(NEW[k], r["sentence2"], re.I)) for r in rows
    )
    print(k, "pairs touched", n)
F = np.array([feats(r["sentence1"], r["sentence2"], list(NEW)) for r in rows], float)
allm, aacc = grouped_cv(np.c_[X, F])
print(
    "all new",
    allm.round(4),
    "delta acc_cv",
    round(allm[2] - base[2], 4),
    "seeds better",
    int((aacc > bacc).sum()),
    "worse",
    int((aacc < bacc).sum()),
)
for i, k in enumerate(NEW):
    m, _ = grouped_cv(np.c_[X, F[:, 2 * i : 2 * i + 2]], seeds=5)
    print(" +", k, m.round(4))
