"""A cheap supervised teacher: weighted bag of fastText WordPiece embeddings (SIF-initialised
per-token weights, optional fine-tuned table, linear map), trained with the same objectives as the
BERT (CoSENT on STS-B train, symmetric MNR on MQP train triplets / STS-B >= 4 pairs / MedQuAD
question-answer pairs). No transformer, so thousands of steps take a minute on one thread; the BERT
then learns it by distillation (train_embeddings.py task `boekd`). Selection on dev.
Usage: /usr/bin/python3 training/embeddings/boe_teacher.py --out training/work/embeddings/boe.pt
"""
import argparse
import os
import time
import numpy as np
import torch
from common import U, tp, DevSet, EWORK, fit_hybrid, score_of
from bag import BoE
import objectives
import sif_init


@torch.no_grad()
def dev_eval(model, dev):
    model.eval()
    emb = torch.cat([model(dev.enc[i : i + 512]) for i in range(0, len(dev.enc), 512)]).numpy()
    model.train()
    cos = dev.cosines(emb)
    rep = dev.report(cos)
    _, _, table = fit_hybrid(dev, cos, ratios=np.linspace(0, 2, 21))
    best = max(table, key=lambda t: t[4])
    return rep, dict(dev.report(cos, best[0]), ratio=best[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--tasks", default="mqp:1,stsnli:1,medquad:1,cosent:2")
    ap.add_argument("--freeze_table", action="store_true")
    ap.add_argument("--proj", action="store_true", help="SIF-init parametrisation (for sif_init.build)")
    ap.add_argument("--ratio", type=float, default=0.8)
    ap.add_argument("--no_linear", action="store_true")
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--eval_every", type=int, default=250)
    ap.add_argument("--out", default=os.path.join(EWORK, "boe.pt"))
    a = ap.parse_args()
    U.setup(1)
    wp = tp.WordPiece.load(U.VOCAB)
    sif = objectives.SifTeacher(wp)
    args = argparse.Namespace(max_length=64, answer_words=48, simcse_sentences=0, kd_sentences=0)
    data = objectives.build_data(wp, args)
    dev = DevSet(wp)
    if a.proj:  # the SIF-init parametrisation: 248 projected, centred dims; transplantable into the BERT
        C, w = sif_init.projected(wp)
        model = BoE(C.astype(np.float32), w.astype(np.float32), not a.freeze_table, False, center=True)
    else:
        model = BoE(sif.E, sif.w, not a.freeze_table, not a.no_linear)
    tasks = [(t.split(":")[0], int(t.split(":")[1])) for t in a.tasks.split(",")]
    cycle = [t for t, w in tasks for _ in range(w)]
    samplers = {
        "mqp": objectives.Sampler(data["mqp"], a.bs, key=lambda x: x[3]),
        "hcosent": objectives.Sampler(data["cosent"], a.bs),
        "mqpcosent": objectives.Sampler(data["mqpcosent"], a.bs),
        "stsnli": objectives.Sampler(data["stsnli"], a.bs, key=lambda x: x[3]),
        "medquad": objectives.Sampler(data["medquad"], a.bs, key=lambda x: x[3]),
        "cosent": objectives.Sampler(data["cosent"], a.bs),
    }
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=a.lr)
    rep, hrep = dev_eval(model, dev)
    U.log("step 0", {k: round(v, 4) for k, v in rep.items()}, {k: round(v, 4) for k, v in hrep.items()})
    best, hist, t0 = score_of(hrep), [], time.time()
    torch.save({"state": model.state_dict(), "step": 0, "dev": rep, "dev_hybrid": hrep, "args": vars(a)}, a.out)
    for step in range(1, a.steps + 1):
        for g in opt.param_groups:
            g["lr"] = a.lr * min(1.0, step / 100) * (1 - step / (a.steps + 1))
        task = cycle[step % len(cycle)]
        batch = samplers[task].next()
        if task == "cosent":
            loss = objectives.cosent_loss(model, batch, 20.0)
        elif task in ("hcosent", "mqpcosent"):
            loss = objectives.cosent_loss(model, batch, 20.0, a.ratio)
        else:
            loss = objectives.mnr_loss(model, batch, 20.0)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % a.eval_every == 0:
            rep, hrep = dev_eval(model, dev)
            hist.append({"step": step, "dev": rep, "dev_hybrid": hrep})
            U.log(
                f"step {step} {time.time() - t0:.0f}s",
                {k: round(v, 4) for k, v in rep.items()},
                {k: round(v, 4) for k, v in hrep.items()},
            )
            if score_of(hrep) > best:
                best = score_of(hrep)
                torch.save(
                    {"state": model.state_dict(), "step": step, "dev": rep, "dev_hybrid": hrep, "args": vars(a)}, a.out
                )
    U.save_json({"args": vars(a), "history": hist, "best": best}, a.out + ".history.json")
    U.log(f"best {best:.4f}")


if __name__ == "__main__":
    main()
