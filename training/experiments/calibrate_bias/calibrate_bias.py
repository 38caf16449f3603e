"""Softmax classifiers: shift the first label's bias by the offset that maximises dev macro-F1
(threshold tuning baked into the model, so the runtime keeps plain argmax). Dev data only.
Usage (from training/): python3 experiments/calibrate_bias/calibrate_bias.py --run work/runs/ade5 --data ade-classification --out work/runs/ade5_cal"""
import os
import sys

# archived here: reach training/ and training/embeddings/ as from their old place
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "../.."), os.path.join(HERE, "../../embeddings")]
import argparse
import os
import shutil
import numpy as np
import torch
from sklearn.metrics import f1_score
import trainutil as U
import textproc as tp
from finetune_cls import read, predict
from model import SequenceClassifier

ap = argparse.ArgumentParser()
ap.add_argument("--run", required=True)
ap.add_argument("--data", required=True)
ap.add_argument("--out", required=True)
a = ap.parse_args()
U.setup(1)
ck = torch.load(os.path.join(a.run, "best.pt"), map_location="cpu")
labels, cfg = ck["labels"], ck["config"]
model = SequenceClassifier(cfg, len(labels))
model.load_state_dict(ck["state"])
wp = tp.WordPiece.load(U.VOCAB)
rows = read(f"/work/shared/data/tc/{a.data}/dev.tsv")
dev = [(tp.encode(wp, t, None, ck["medtext"]["max_length"])[0], None) for _, t in rows]
y = np.array([labels.index(lab) for lab, _ in rows])
P = predict(model, dev, False)
d = np.log(P[:, 0] + 1e-9) - np.log(P[:, 1] + 1e-9)  # binary: logit margin of label 0
grid = np.arange(-2, 2.01, 0.1)
scores = [f1_score(y, np.where(d + g > 0, 0, 1), average="macro") for g in grid]
g = float(grid[int(np.argmax(scores))])
print(f"offset {g:+.1f}: dev macro-F1 {max(scores):.4f} (offset 0: {scores[20]:.4f})")
ck["state"]["classifier.bias"][0] += g
ck["medtext"]["bias_offset_on_dev"] = round(g, 2)
ck["dev"] = f"macro-F1 {max(scores):.4f} after bias offset {g:+.1f} (chosen on dev; before: {scores[20]:.4f})"
os.makedirs(a.out, exist_ok=True)
torch.save(ck, os.path.join(a.out, "best.pt"))
shutil.copy(os.path.join(a.run, "history.json"), a.out)
