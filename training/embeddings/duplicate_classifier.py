"""Duplicate-question classifier for the embeddings model's `pair` decisions: logistic regression
over pair features (workers/text/pair-features.ts, dumped by bench/pair-features.ts with the shipped
model) fitted on Medical Question Pairs train; regularisation chosen by MQP dev AUC, the decision
threshold by MQP dev accuracy. Written into config.json as medtext.duplicate (features, weights,
bias, threshold) for workers/tasks/similarity.ts.
Left out of the inputs: the features computed from the token table (embedding cosine, alignment),
because the table was trained on these same train pairs (MQP train AUC of the cosine 0.99 vs dev
0.77), so a fit on train would lean on them. What the classifier adds over the hybrid pair score is
the question-intent cues (workers/text/question-intent.ts): two questions on one condition that ask
different things ("how do I know if I have X" / "what is the treatment of X") are different.
Usage: /usr/bin/python3 training/embeddings/duplicate_classifier.py --train T.jsonl --dev D.jsonl --model models/embeddings
"""
import argparse, json
import numpy as np
from sklearn.linear_model import LogisticRegression
from common import auc, best_threshold, set_medtext

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
    a = ap.parse_args()
    names, X, y = load(a.train)
    dnames, Xd, yd = load(a.dev)
    assert names == dnames
    fits = []
    for c in (0.3, 1.0, 3.0, 10.0):
        lr = LogisticRegression(C=c, max_iter=10000).fit(X, y)
        p = lr.predict_proba(Xd)[:, 1]
        print(f"C {c}: MQP dev AUC {auc(p, yd):.4f}, accuracy at 0.5 {((p >= 0.5) == yd).mean():.4f}")
        fits.append((auc(p, yd), c, lr, p))
    area, c, lr, p = max(fits, key=lambda f: f[0])
    t, acc = best_threshold(p, yd)
    print(f"chosen C {c}: MQP dev AUC {area:.4f}; threshold {t:.4f}: dev accuracy {acc:.4f} (in-sample threshold)")
    set_medtext(a.model, duplicate={"features": names, "weights": [round(float(w), 6) for w in lr.coef_[0]],
                                    "bias": round(float(lr.intercept_[0]), 6), "threshold": round(float(t), 4)})


if __name__ == "__main__":
    main()
