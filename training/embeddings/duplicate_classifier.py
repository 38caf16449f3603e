"""Duplicate-question classifier for the embeddings model's `pair` decisions: logistic regression
over pair features (workers/tasks/similarity/pair-features.ts, dumped by bench/pair-features.ts with the shipped
model) fitted on Medical Question Pairs train; regularisation chosen by MQP dev AUC, the decision
threshold by MQP dev accuracy. Written into config.json as medtext.duplicate (features, weights,
bias, threshold) for workers/tasks/similarity/similarity.ts.
Left out of the inputs: the features computed from the token table (embedding cosine, alignment),
because the table was trained on these same train pairs (MQP train AUC of the cosine 0.99 vs dev
0.77), so a fit on train would lean on them. What the classifier adds over the hybrid pair score is
the question-intent cues (workers/tasks/similarity/question-intent.ts): two questions on one condition that ask
different things ("how do I know if I have X" / "what is the treatment of X") are different.
With --refit_on_dev the labelled pairs of train and dev are pooled: C by AUC and the threshold by
accuracy, both on out-of-fold probabilities (5-fold cross-validation over the pool), then one fit on
the whole pool (more pairs for the weights, and a threshold chosen on 2,738 pairs instead of 302).
Usage: /usr/bin/python3 training/embeddings/duplicate_classifier.py --train T.jsonl --dev D.jsonl \
         --model models/embeddings [--refit_on_dev]
"""
import argparse
import json
import numpy as np
from sklearn.linear_model import LogisticRegression
from common import auc, best_threshold, cv_threshold_acc, set_medtext

FROM_TABLE = {"cosine", "align_min", "align_max", "unmatched_max", "unmatched_min"}


def load(path):
    rows = [json.loads(line) for line in open(path)]
    names = [k for k in rows[0] if k != "score" and k not in FROM_TABLE]
    return names, np.array([[r[k] for k in names] for r in rows]), np.array([r["score"] for r in rows]) >= 0.5


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True, help="MQP train features (bench/pair-features.ts)")
    ap.add_argument("--dev", required=True, help="MQP dev features")
    ap.add_argument("--model", required=True, help="model folder: writes medtext.duplicate into its config.json")
    ap.add_argument(
        "--refit_on_dev",
        action="store_true",
        help="choose C and threshold by cross-validation over train + dev, fit on both",
    )
    a = ap.parse_args()
    names, X, y = load(a.train)
    dnames, Xd, yd = load(a.dev)
    assert names == dnames
    if a.refit_on_dev:
        return refit(a.model, names, np.vstack([X, Xd]), np.concatenate([y, yd]))
    fits = []
    for c in (0.3, 1.0, 3.0, 10.0):
        lr = LogisticRegression(C=c, max_iter=10000).fit(X, y)
        p = lr.predict_proba(Xd)[:, 1]
        print(f"C {c}: MQP dev AUC {auc(p, yd):.4f}, accuracy at 0.5 {((p >= 0.5) == yd).mean():.4f}")
        fits.append((auc(p, yd), c, lr, p))
    area, c, lr, p = max(fits, key=lambda f: f[0])
    t, acc = best_threshold(p, yd)
    print(f"chosen C {c}: MQP dev AUC {area:.4f}; threshold {t:.4f}: dev accuracy {acc:.4f} (in-sample threshold)")
    write(a.model, names, lr, t)


def write(model, names, lr, t):
    """The fitted classifier and its threshold into the model's config.json as medtext.duplicate."""
    set_medtext(
        model,
        duplicate={
            "features": names,
            "weights": [round(float(w), 6) for w in lr.coef_[0]],
            "bias": round(float(lr.intercept_[0]), 6),
            "threshold": round(float(t), 4),
        },
    )


def out_of_fold(X, y, c, folds=5, seed=0):
    """Probabilities of each pair from a fit on the other folds."""
    from sklearn.model_selection import StratifiedKFold

    p = np.zeros(len(y))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(X, y):
        p[te] = LogisticRegression(C=c, max_iter=10000).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    return p


def refit(model, names, X, y):
    fits = []
    for c in (0.3, 1.0, 3.0, 10.0):
        p = out_of_fold(X, y, c)
        print(f"C {c}: train + dev out-of-fold AUC {auc(p, y):.4f}")
        fits.append((auc(p, y), c, p))
    area, c, p = max(fits, key=lambda f: f[0])
    t, acc = best_threshold(p, y)
    print(
        f"chosen C {c}: out-of-fold AUC {area:.4f}; threshold {t:.4f}: out-of-fold accuracy {acc:.4f} "
        f"(threshold itself cross-validated: {cv_threshold_acc(p, y):.4f}); refit on {len(y)} pairs"
    )
    write(model, names, LogisticRegression(C=c, max_iter=10000).fit(X, y), t)


if __name__ == "__main__":
    main()
