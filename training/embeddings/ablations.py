"""Collect the dev figures of the runs made while building the model (logs in work/embeddings/logs)
into work/embeddings/ablations.json for the model card: (name, dev cos-only, dev hybrid) per row."""
import ast
import json
import os
import re
from common import EWORK

ROWS = [  # (name, log, which eval: "first" | "last" | "best")
    ("BERT, MLM base.pt (training/checkpoints/base.pt), no training", "base0_step0", "first"),
    ("BERT, fastText init (random layers), no training", "ft_all", "first"),
    (
        "  + contrastive mix (MNR: MQP triplets, STS-B ≥ 4, MedQuAD q↔a; CoSENT STS-B), 136 steps / 10 min",
        "ft_all",
        "last",
    ),
    ("  + SIF distillation (relational KD), 150 steps / 6 min", "ft_kd", "last"),
    ("SIF-init BERT (sif_init.py), no training", "sif_sup", "first"),
    ("  + contrastive mix fine-tune, 143 steps / 12 min", "sif_sup", "last"),
    ("  + hybrid-aware CoSENT (STS-B, MQP) + MNR fine-tune, 134 steps / 12 min", "sif_hsup", "last"),
    (
        "bag of fastText vectors, free table + linear map, contrastive mix + CoSENT (boe_teacher.py), dev-best",
        "boe_full",
        "best",
    ),
    (
        "SIF-init parametrisation, hybrid-aware CoSENT + MNR (boe_teacher.py --proj), dev-best = shipped, fp32",
        "boe_final",
        "best",
    ),
    (
        "  + BERT fine-tune of those weights (all layers, lr 5e-5, same tasks), 200 steps / 9 min (stopped: falling)",
        "final_ft",
        "last",
    ),
]


def evals(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if re.match(r"^\S+ step \d+ ", line):
            ds = re.findall(r"\{[^{}]*\}", line)
            dev, hyb = ast.literal_eval(ds[-2]), ast.literal_eval(ds[-1])
            out.append((dev, hyb))
    return out


def main():
    rows = []
    for name, log, which in ROWS:
        p = os.path.join(EWORK, "logs", log + ".log")
        if not os.path.exists(p):
            continue
        ev = evals(p)
        if not ev:
            continue
        if which == "first":
            d, h = ev[0]
        elif which == "last":
            d, h = ev[-1]
        else:
            d, h = max(ev, key=lambda e: e[1]["sts_spearman"] + e[1]["mqp_auc"])
        rows.append((name, d, h))
        print(
            f"{name[:70]:70s} cos {d['sts_spearman']:.4f} {d['mqp_auc']:.4f} hyb {h['sts_spearman']:.4f} "
            f"{h['mqp_auc']:.4f} {h['mqp_acc']:.4f}"
        )
    json.dump(rows, open(os.path.join(EWORK, "ablations.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
