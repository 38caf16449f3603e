"""Train the sentence-embeddings model: the shared BERT (L4/H256, model.py) with mean pooling over
last_hidden_state (incl. [CLS]/[SEP], as workers/tasks/similarity/similarity.ts does), L2-normalised.

Objectives, cycled step by step with integer weights (one task per step):
  mqp      symmetric MultipleNegativesRanking on Medical Question Pairs train: anchor question_1,
           positive = its label-1 rewrite, hard negative = its label-0 rewrite; one triplet per
           question_1 in a batch, so no question appears twice
  stsnli   symmetric MNR on STS-B train pairs with score >= 4 (+ hard negative: a pair partner of the
           same anchor with score <= 2 where one exists)
  medquad  symmetric MNR question <-> first --answer_words words of the answer (qa/medquad train);
           no two items with the same question or focus in a batch
  cosent   CoSENT on all STS-B train pairs (rank pairs by cosine as by gold score)
  simcse   unsupervised SimCSE (dropout noise) on corpus sentences
Model selection on dev only (STS-B dev Spearman, MQP dev AUC; with and without the char n-gram
hybrid fitted on dev). sts/mediqa-rqe is deliberately not used.

Usage: /usr/bin/python3 training/embeddings/train_embeddings.py --init base --minutes 30 \
         --tasks mqp:2,stsnli:1,medquad:1,cosent:2 --out training/work/embeddings/runs/final
"""
import argparse
import os
import random
import time
import numpy as np
import torch
from common import U, tp, DevSet, EWORK, fit_hybrid, score_of
from model import DEFAULT
from bag import BoE
from encoder import Embedder, embed_all, embed_ids
from objectives import Sampler, SifTeacher, build_data, cosent_loss, mnr_loss, sifkd_loss, simcse_loss
import sif_init


def load_init(model, a, wp):
    init, base = a.init, a.base
    if init == "fasttext":
        return f"fastText rows {U.fasttext_init(model.bert)}"
    if init == "sif":
        if a.sif_from:  # content vectors + token weights of a trained bag-of-embeddings (boe_teacher.py --proj)
            st = torch.load(a.sif_from, map_location="cpu")["state"]
            C, w = st["E.weight"].double().numpy(), st["logw"].double().exp().numpy()
            return f"SIF-init from {a.sif_from} {sif_init.build(model, wp, A=a.sif_amp, C=C, w=w)}"
        return f"SIF-init {sif_init.build(model, wp, A=a.sif_amp)}"
    path = base if init == "base" else init
    sd = torch.load(path, map_location="cpu")
    if "model" in sd or "state" in sd:  # MLM training checkpoint (pretrain.py ckpt.pt) / our best.pt
        sd = {k[5:]: v for k, v in sd.get("model", sd.get("state")).items() if k.startswith("bert.")}
    else:
        sd = sd.get("bert", sd)
    own = model.bert.state_dict()
    n = 0
    for k, v in sd.items():
        if k in own and own[k].shape == v.shape:
            own[k] = v.float()
            n += 1
    model.bert.load_state_dict(own)
    return f"loaded {n} tensors from {path}"


def evaluate(model, dev, pooling):
    emb = embed_all(model, dev.enc, pooling)
    cos = dev.cosines(emb)
    rep = dev.report(cos)
    hyb, thr, table = fit_hybrid(dev, cos, ratios=np.linspace(0, 2, 21))
    best = max(table, key=lambda t: t[4])
    hrep = dev.report(cos, best[0])
    return rep, dict(hrep, ratio=best[0]), cos


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", default="base", help="base | fasttext | path to a checkpoint")
    ap.add_argument("--base", default=os.path.join(U.HERE, "checkpoints/base.pt"))
    ap.add_argument(
        "--skip_init",
        action="store_true",
        help="zero attention-output and FFN-output weights: layers start as identity",
    )
    ap.add_argument("--sif_amp", type=float, default=32.0)
    ap.add_argument("--sif_from", default="", help="boe_teacher.py --proj checkpoint for --init sif")
    ap.add_argument("--zero_pos", action="store_true", help="zero position embeddings at init")
    ap.add_argument("--tasks", default="mqp:2,stsnli:1,medquad:1,cosent:2")
    ap.add_argument("--bs", type=int, default=48)
    ap.add_argument("--cosent_bs", type=int, default=48)
    ap.add_argument("--kd_bs", type=int, default=64)
    ap.add_argument("--ratio", type=float, default=0.8, help="w_lexical / w_embed inside hcosent, mqpcosent")
    ap.add_argument("--teacher", default=os.path.join(EWORK, "boe.pt"))
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--scale", type=float, default=20.0)
    ap.add_argument("--pooling", default="mean", choices=["mean", "cls"])
    ap.add_argument("--max_length", type=int, default=64)
    ap.add_argument("--answer_words", type=int, default=48)
    ap.add_argument("--simcse_sentences", type=int, default=0)
    ap.add_argument("--kd_sentences", type=int, default=0, help="corpus sentences for sifkd (+ train sentences)")
    ap.add_argument("--minutes", type=float, default=20)
    ap.add_argument("--max_steps", type=int, default=10**9)
    ap.add_argument("--eval_every", type=int, default=100)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=os.path.join(EWORK, "runs/dbg"))
    a = ap.parse_args()
    U.setup(a.threads, a.seed)
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    wp = tp.WordPiece.load(U.VOCAB)
    tasks = [(t.split(":")[0], int(t.split(":")[1])) for t in a.tasks.split(",")]
    if "simcse" in dict(tasks) and not a.simcse_sentences:
        a.simcse_sentences = 30000
    if ("sifkd" in dict(tasks) or "boekd" in dict(tasks)) and not a.kd_sentences:
        a.kd_sentences = 20000
    data = build_data(wp, a)
    dev = DevSet(wp)
    U.log("data", {k: len(v) for k, v in data.items()}, f"dev texts {len(dev.texts)}", f"{time.time() - t0:.0f}s")
    cfg = dict(DEFAULT, vocab_size=len(wp))
    model = Embedder(cfg)
    U.log(load_init(model, a, wp))
    if a.skip_init:
        for layer in model.bert.layers:
            layer.o.weight.data.zero_()
            layer.ff2.weight.data.zero_()
    if a.zero_pos:
        model.bert.pos.weight.data.zero_()
    samplers = {
        "mqp": Sampler(data.get("mqp", []), a.bs, key=lambda x: x[3]),
        "stsnli": Sampler(data.get("stsnli", []), a.bs, key=lambda x: x[3]),
        "medquad": Sampler(data.get("medquad", []), a.bs, key=lambda x: x[3]),
        "cosent": Sampler(data.get("cosent", []), a.cosent_bs),
        "hcosent": Sampler(data.get("cosent", []), a.cosent_bs),
        "mqpcosent": Sampler(data.get("mqpcosent", []), a.cosent_bs),
        "simcse": Sampler(data.get("simcse", []), a.bs),
        "sifkd": Sampler(data.get("sifkd", []), a.kd_bs),
    }
    teacher = SifTeacher(wp) if "sifkd" in dict(tasks) else None
    if "boekd" in dict(tasks):
        st = torch.load(a.teacher, map_location="cpu")
        sif = SifTeacher(wp)
        boe = BoE(sif.E, sif.w, linear=st["state"].get("lin.weight") is not None)
        boe.load_state_dict(st["state"])
        boe.eval()
        U.log(f"teacher {a.teacher} step {st['step']} dev {st['dev']}")
        teacher = lambda seqs: boe(seqs).detach()
        samplers["boekd"] = samplers["sifkd"]
    names = {
        "mqp": "sts/medical-question-pairs (train)",
        "stsnli": "sts/stsb (train, score >= 4 pairs)",
        "cosent": "sts/stsb (train, all scores)",
        "hcosent": "sts/stsb (train, all scores)",
        "mqpcosent": "sts/medical-question-pairs (train)",
        "medquad": "qa/medquad (train, question-answer pairs)",
        "simcse": "corpus sentences (unsupervised SimCSE)",
        "boekd": "distillation of a supervised bag-of-embeddings teacher (boe_teacher.py) on train sentences"
        " + corpus/consumer_health_qa sentences",
        "sifkd": "distillation of SIF fastText averages on train sentences + corpus/consumer_health_qa sentences",
    }
    trained_on = sorted({names[t] for t, w in tasks if w > 0})
    trained_on.append(
        "base encoder: "
        + {
            "fasttext": "fastText skip-gram vectors (corpus/*.txt.gz)",
            "sif": "SIF-init from fastText skip-gram vectors + corpus token frequencies (corpus/*.txt.gz)"
            + (
                " with content vectors and token weights trained as a bag of embeddings (boe_teacher.py)"
                if a.sif_from
                else ""
            ),
        }.get(a.init, "MLM pre-trained on corpus/*.txt.gz (" + a.init + ")")
    )
    cycle = [t for t, w in tasks for _ in range(w)]
    random.Random(a.seed).shuffle(cycle)

    def embed(seqs):
        return embed_ids(model, seqs, a.pooling)

    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01)
    # time-based schedule: warmup 5 % then linear decay to 0 at --minutes (or max_steps)
    budget = a.minutes * 60

    def lr_at(step, el):
        frac = max(el / budget, step / a.max_steps)
        return a.lr * min(1.0, frac / 0.05) * max(0.0, 1 - frac) if frac > 0 else a.lr * 0.01

    rep, hrep, _ = evaluate(model, dev, a.pooling)
    hist = [{"step": 0, "min": 0.0, "dev": rep, "dev_hybrid": hrep}]
    U.log("step 0", {k: round(v, 4) for k, v in rep.items()}, "hybrid", {k: round(v, 4) for k, v in hrep.items()})
    best = score_of(hrep)
    torch.save(
        {
            "state": model.state_dict(),
            "config": cfg,
            "step": 0,
            "dev": rep,
            "dev_hybrid": hrep,
            "pooling": a.pooling,
            "trained_on": trained_on,
        },
        os.path.join(a.out, "best.pt"),
    )
    step, tl, tn = 0, {}, {}
    train_t0 = time.time()
    model.train()
    while True:
        el = time.time() - train_t0
        if el >= budget or step >= a.max_steps:
            break
        for g in opt.param_groups:
            g["lr"] = lr_at(step, el)
        task = cycle[step % len(cycle)]
        batch = samplers[task].next()
        if task == "cosent":
            loss = cosent_loss(embed, batch, a.scale)
        elif task in ("hcosent", "mqpcosent"):
            loss = cosent_loss(embed, batch, a.scale, a.ratio)
        elif task in ("sifkd", "boekd"):
            loss = sifkd_loss(embed, batch, teacher)
        elif task == "simcse":
            loss = simcse_loss(embed, batch, a.scale)
        else:
            loss = mnr_loss(embed, batch, a.scale)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tl[task] = tl.get(task, 0) + loss.item()
        tn[task] = tn.get(task, 0) + 1
        last = time.time() - train_t0 >= budget or step >= a.max_steps
        if step % a.eval_every == 0 or last:
            rep, hrep, _ = evaluate(model, dev, a.pooling)
            losses = {k: round(tl[k] / tn[k], 4) for k in tl}
            tl, tn = {}, {}
            m = (time.time() - train_t0) / 60
            hist.append({"step": step, "min": m, "loss": losses, "dev": rep, "dev_hybrid": hrep})
            U.log(
                f"step {step} {m:.1f}min loss {losses}",
                {k: round(v, 4) for k, v in rep.items()},
                "hybrid",
                {k: round(v, 4) for k, v in hrep.items()},
            )
            if score_of(hrep) > best:
                best = score_of(hrep)
                torch.save(
                    {
                        "state": model.state_dict(),
                        "config": cfg,
                        "step": step,
                        "dev": rep,
                        "dev_hybrid": hrep,
                        "pooling": a.pooling,
                        "trained_on": trained_on,
                    },
                    os.path.join(a.out, "best.pt"),
                )
            U.save_json(
                {
                    "args": vars(a),
                    "history": hist,
                    "best": best,
                    "train_minutes": (time.time() - train_t0) / 60,
                    "total_minutes": (time.time() - t0) / 60,
                },
                os.path.join(a.out, "history.json"),
            )
    U.save_json(
        {
            "args": vars(a),
            "history": hist,
            "best": best,
            "train_minutes": (time.time() - train_t0) / 60,
            "total_minutes": (time.time() - t0) / 60,
        },
        os.path.join(a.out, "history.json"),
    )
    U.log(f"done {step} steps, best {best:.4f}, {(time.time() - t0) / 60:.1f} min total")


if __name__ == "__main__":
    main()
