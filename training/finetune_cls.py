"""Fine-tune a sentence/document classifier from the base encoder.

softmax (single label, e.g. tc/ade-classification) or sigmoid multi-label (labels joined by "|",
e.g. tc/mtsamples) with per-label thresholds chosen on dev. Head truncation at --max_length
(what the runtime tokenizer does). Selection on dev only: macro-F1 (softmax) / micro-F1 (multi-label).
Usage: python3 finetune_cls.py --data ade-classification --out work/runs/ade
       python3 finetune_cls.py --data mtsamples --multi_label --max_length 256 --out work/runs/mts
"""
import argparse
import os
import time
import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import f1_score
import trainutil as U
import textproc as tp
import workspace as W
from model import DEFAULT, SequenceClassifier, load_base

DATA = W.data("tc")


def read(path):
    rows = []
    for i, line in enumerate(open(path, encoding="utf-8")):
        if i:
            lab, text = line.rstrip("\n").split("\t")[:2]
            rows.append((lab, text))
    return rows


def thresholds(probs, Y, labels, min_pos=20):
    """global threshold maximising dev micro-F1, then per label where dev has >= min_pos positives
    (per-label thresholds fitted on fewer dev positives are mostly noise)."""
    grid = np.arange(0.05, 0.95, 0.025)
    glob = max(grid, key=lambda t: f1_score(Y, probs >= t, average="micro", zero_division=0))
    th = np.full(len(labels), glob)
    for j in range(len(labels)):
        if Y[:, j].sum() >= min_pos:
            th[j] = max(grid, key=lambda t: f1_score(Y[:, j], probs[:, j] >= t, zero_division=0))
    return th, float(glob)


@torch.no_grad()
def predict(model, data, multi, bs=32):
    model.eval()
    out = np.zeros((len(data), model.classifier.out_features), np.float32)
    for b in U.batches(data, bs, shuffle=False, key=lambda d: len(d[0])):
        ids = U.pad([data[i][0] for i in b])
        lg = model(ids, (ids != 0).long(), torch.zeros_like(ids))
        out[b] = (lg.sigmoid() if multi else lg.softmax(-1)).numpy()
    model.train()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--multi_label", action="store_true")
    ap.add_argument("--init", default="base")
    ap.add_argument("--base", default=os.path.join(U.HERE, "checkpoints/base.pt"))
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--max_length", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--time_limit", type=float, default=1e9, help="minutes")
    ap.add_argument("--freeze_emb", action="store_true", help="keep word embeddings fixed")
    ap.add_argument("--bow", action="store_true", help="add the bag-of-sub-words branch")
    ap.add_argument("--bert_tokens", type=int, default=0, help="encoder reads only the first N")
    ap.add_argument("--bow_lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    U.setup(a.threads, a.seed)
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    wp = tp.WordPiece.load(U.VOCAB)
    tr, dv = read(f"{DATA}/{a.data}/train.tsv"), read(f"{DATA}/{a.data}/dev.tsv")
    split = (lambda lab: lab.split("|")) if a.multi_label else (lambda lab: [lab])
    labels = sorted({x for lab, _ in tr + dv for x in split(lab)})
    L2I = {l: i for i, l in enumerate(labels)}

    def enc(rows):
        out = []
        for lab, text in rows:
            ids = tp.encode(wp, text, None, a.max_length)[0]
            y = np.zeros(len(labels), np.float32)
            for x in split(lab):
                y[L2I[x]] = 1
            out.append((ids, y))
        return out

    train, dev = enc(tr), enc(dv)
    Ydev = np.stack([y for _, y in dev])
    U.log(
        f"{a.data}: train {len(train)} dev {len(dev)} labels {len(labels)}; "
        f"truncated {sum(len(d[0]) >= a.max_length for d in train)}"
    )
    cfg = dict(DEFAULT, vocab_size=len(wp))
    model = SequenceClassifier(cfg, len(labels), a.bow, a.bert_tokens)
    if a.init == "fasttext":
        U.fasttext_init(model.bert)
    else:
        load_base(model, a.base)
    if a.freeze_emb:
        model.bert.word.weight.requires_grad_(False)
    bow = [p for n, p in model.named_parameters() if n.startswith("bow.")]
    rest = [p for n, p in model.named_parameters() if not n.startswith("bow.") and p.requires_grad]
    opt = torch.optim.AdamW(
        [{"params": rest}, {"params": bow, "lr": a.bow_lr, "weight_decay": 0.0}], lr=a.lr, weight_decay=0.01
    )
    sched = U.schedule(opt, a.epochs * ((len(train) + a.bs - 1) // a.bs), warmup=0.1)
    best, hist = -1, []
    for ep in range(a.epochs):
        tl, nb = 0.0, 0
        for b in U.batches(train, a.bs, key=lambda d: len(d[0])):
            ids = U.pad([train[i][0] for i in b])
            y = torch.from_numpy(np.stack([train[i][1] for i in b]))
            lg = model(ids, (ids != 0).long(), torch.zeros_like(ids))
            loss = F.binary_cross_entropy_with_logits(lg, y) if a.multi_label else F.cross_entropy(lg, y.argmax(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tl += loss.item()
            nb += 1
        P = predict(model, dev, a.multi_label)
        meta = {
            "trained_on": [f"tc/{a.data} (train)"],
            "max_length": a.max_length,
            "truncation": "head",
            "multi_label": a.multi_label,
        }
        if a.bow:
            meta["architecture"] = (
                f"encoder over the first {a.bert_tokens or a.max_length} sub-words + "
                f"bag-of-sub-words linear branch over all {a.max_length}"
            )
        if a.multi_label:
            th, g = thresholds(P, Ydev, labels)
            f = f1_score(Ydev, P >= th, average="micro", zero_division=0)
            fg = f1_score(Ydev, P >= g, average="micro", zero_division=0)
            meta["thresholds"] = {name: round(float(t), 3) for name, t in zip(labels, th)}
            meta["thresholds_note"] = f"global {g:.3f} chosen on dev; per-label only where dev has >= 20 positives"
            info = f"micro-F1 {f:.4f} (global thr {g:.3f}: {fg:.4f})"
            # per-label thresholds are fitted on dev itself: select epochs on the global-threshold score
            sel = fg
        else:
            pred = P.argmax(-1)
            f = f1_score(Ydev.argmax(-1), pred, average="macro")
            info = f"macro-F1 {f:.4f} acc {(pred == Ydev.argmax(-1)).mean():.4f}"
            sel = f
        hist.append({"epoch": ep + 1, "loss": tl / nb, "dev": info, "sel": sel, "min": (time.time() - t0) / 60})
        U.log(f"epoch {ep + 1} loss {tl / nb:.4f} dev {info}")
        if sel > best:
            best = sel
            torch.save(
                {
                    "state": model.state_dict(),
                    "config": cfg,
                    "labels": labels,
                    "epoch": ep + 1,
                    "arch": {"bow": a.bow, "bert_tokens": a.bert_tokens},
                    "dev": info,
                    "medtext": meta,
                },
                os.path.join(a.out, "best.pt"),
            )
        U.save_json({"args": vars(a), "history": hist, "best": best}, os.path.join(a.out, "history.json"))
        if (time.time() - t0) / 60 > a.time_limit:
            U.log("time limit reached")
            break
    U.log(f"done best {best:.4f} in {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
