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
import argparse, gzip, os, random, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from common import U, tp, DevSet, read_pairs, read_medquad, EWORK, fit_hybrid, score_of, DATA, char_ngram_cosine
from model import DEFAULT, Bert


class Embedder(nn.Module):
    """BERT whose ONNX output is last_hidden_state; pooling happens in the app (and in embed())."""

    def __init__(self, c):
        super().__init__()
        self.bert = Bert(c)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids, attention_mask, token_type_ids)


def pool(h, mask, pooling="mean"):
    if pooling == "cls":
        v = h[:, 0]
    else:
        m = mask.unsqueeze(-1).to(h.dtype)
        v = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
    return F.normalize(v, dim=-1)


def embed_ids(model, seqs, pooling="mean"):
    ids = U.pad(seqs)
    mask = (ids != 0).long()
    return pool(model(ids, mask, torch.zeros_like(ids)), mask, pooling)


@torch.no_grad()
def embed_all(model, enc, pooling="mean", bs=128):
    model.eval()
    out = np.zeros((len(enc), model.bert.c["hidden_size"]), np.float32)
    order = sorted(range(len(enc)), key=lambda i: len(enc[i]))
    for s in range(0, len(order), bs):
        b = order[s:s + bs]
        out[b] = embed_ids(model, [enc[i] for i in b], pooling).numpy()
    model.train()
    return out


def load_init(model, a, wp):
    init, base = a.init, a.base
    if init == "fasttext":
        return f"fastText rows {U.fasttext_init(model.bert)}"
    if init == "sif":
        import sif_init
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
            own[k] = v.float(); n += 1
    model.bert.load_state_dict(own)
    return f"loaded {n} tensors from {path}"


# ------------------------------------------------------------------------------- data
def build_data(wp, a):
    enc = lambda t, L=a.max_length: tp.encode(wp, t, None, L)[0]
    data = {}
    # MQP triplets
    by_q = {}
    for s, q1, q2 in read_pairs("medical-question-pairs", "train"):
        by_q.setdefault(q1, [None, None])[int(s >= 0.5)] = q2
    trip = [(enc(q), enc(p), enc(n) if n else None, q) for q, (n, p) in by_q.items() if p]
    data["mqp"] = trip
    # STS-B positives (>= 4) with hard negatives (same sentence, another partner scored <= 2)
    sts = read_pairs("stsb", "train")
    partners = {}
    for s, x, y in sts:
        partners.setdefault(x, []).append((s, y)); partners.setdefault(y, []).append((s, x))
    pos = []
    for s, x, y in sts:
        if s >= 4.0:
            negs = [z for sc, z in partners.get(x, []) if sc <= 2.0 and z != y]
            pos.append((enc(x), enc(y), enc(negs[0]) if negs else None, x))
    data["stsnli"] = pos
    data["cosent"] = [(enc(x), enc(y), s, char_ngram_cosine(x, y)) for s, x, y in sts]
    data["mqpcosent"] = [(enc(x), enc(y), s, char_ngram_cosine(x, y))
                         for s, x, y in read_pairs("medical-question-pairs", "train")]
    mq = read_medquad("train")
    data["medquad"] = [(enc(r["question"]), enc(" ".join(r["answer"].split()[:a.answer_words]), 96), None,
                        r["focus"].lower()) for r in mq]
    if a.kd_sentences:
        mq = read_medquad("train")
        sents = set()
        for n in ("stsb", "medical-question-pairs"):
            for r in read_pairs(n, "train"):
                sents.update(r[1:])
        sents.update(r["question"] for r in mq)
        with gzip.open(f"{DATA}/corpus/consumer_health_qa.txt.gz", "rt", encoding="utf-8") as f:
            lines = [l.strip() for l in f if 20 <= len(l.strip()) <= 250]
        random.Random(2).shuffle(lines)
        sents = sorted(sents) + lines[: a.kd_sentences]
        data["sifkd"] = [enc(s, 64) for s in sents]
    if a.simcse_sentences:
        sents = []
        for name in ("consumer_health_qa", "clinical_notes", "pubmed_labeled_corpora"):
            with gzip.open(f"{DATA}/corpus/{name}.txt.gz", "rt", encoding="utf-8") as f:
                lines = [l.strip() for l in f if 30 <= len(l.strip()) <= 300]
            random.Random(1).shuffle(lines)
            sents += lines[: a.simcse_sentences // 3]
        data["simcse"] = [enc(s, 64) for s in sents]
    return data


class SifTeacher:
    """SIF-weighted average of the fastText WordPiece vectors (a / (a + p(token)), corpus frequencies;
    no principal-component removal: the variant that blended best with the char n-gram score on dev)."""

    def __init__(self, wp, a=1e-3):
        V = len(wp)
        self.E = np.zeros((V, 256), np.float32)
        with open(os.path.join(U.WORK, "ft256.vec"), encoding="utf-8") as f:
            next(f)
            for line in f:
                p = line.rstrip().split(" ")
                if len(p) == 257 and p[0] in wp.vocab:
                    self.E[wp.vocab[p[0]]] = np.array(p[1:], np.float32)
        ids = np.load(os.path.join(U.WORK, "corpus.ids.npy"), mmap_mode="r")
        freq = np.bincount(np.asarray(ids, np.int64), minlength=V).astype(np.float64)
        self.w = (a / (a + freq / freq.sum())).astype(np.float32)

    def __call__(self, seqs):
        out = []
        for e in seqs:
            t = np.array(e[1:-1] if len(e) > 2 else e)
            out.append((self.w[t, None] * self.E[t]).sum(0))
        X = torch.tensor(np.stack(out))
        return F.normalize(X, dim=-1)


def sifkd_loss(model, batch, teacher, pooling):
    """relational distillation: the model's in-batch cosine matrix should match the SIF teacher's."""
    e = embed_ids(model, batch, pooling)
    t = teacher(batch)
    off = ~torch.eye(len(batch), dtype=torch.bool)
    return F.mse_loss((e @ e.T)[off], (t @ t.T)[off]) * 100


class Sampler:
    """endless shuffled batches of one task; avoids duplicate keys within a batch."""

    def __init__(self, items, bs, key=None):
        self.items, self.bs, self.key = items, bs, key
        self.queue = []

    def next(self):
        out, seen, skipped = [], set(), []
        while len(out) < self.bs:
            if not self.queue:
                self.queue = list(range(len(self.items))); random.shuffle(self.queue)
            i = self.queue.pop()
            k = self.key(self.items[i]) if self.key else None
            if k is not None and k in seen:
                skipped.append(i)
                if len(skipped) > 4 * self.bs:
                    break
                continue
            seen.add(k); out.append(self.items[i])
        self.queue = skipped + self.queue
        return out


def mnr_loss(model, batch, scale, pooling):
    """batch: (anchor ids, positive ids, hard negative ids or None, key). symmetric MNR."""
    A = [b[0] for b in batch]; P = [b[1] for b in batch]; N = [b[2] for b in batch if b[2] is not None]
    e = embed_ids(model, A + P + N, pooling)
    B = len(A)
    ea, ep, en = e[:B], e[B:2 * B], e[2 * B:]
    tgt = torch.arange(B)
    cand = torch.cat([ep, en]) if len(N) else ep
    l1 = F.cross_entropy(scale * ea @ cand.T, tgt)
    l2 = F.cross_entropy(scale * ep @ ea.T, tgt)
    return (l1 + l2) / 2


def cosent_loss(model, batch, lam, pooling, ratio=0.0):
    """CoSENT; with ratio > 0 on the hybrid score cos + ratio * char-n-gram cosine (b[3]), so the
    embedding learns what the lexical score misses instead of duplicating it."""
    X = [b[0] for b in batch]; Y = [b[1] for b in batch]
    e = embed_ids(model, X + Y, pooling)
    B = len(X)
    cos = (e[:B] * e[B:]).sum(-1)
    if ratio:
        cos = cos + ratio * torch.tensor([b[3] for b in batch], dtype=cos.dtype)
    cos = cos * lam
    s = torch.tensor([b[2] for b in batch])
    diff = cos[None, :] - cos[:, None]  # [i, j] = cos_j - cos_i
    mask = s[:, None] > s[None, :]       # gold_i > gold_j -> want cos_i > cos_j
    diff = diff[mask]
    return torch.logsumexp(torch.cat([torch.zeros(1), diff]), 0)


def simcse_loss(model, batch, scale, pooling):
    e = embed_ids(model, batch + batch, pooling)  # dropout gives two views
    B = len(batch)
    return F.cross_entropy(scale * e[:B] @ e[B:].T, torch.arange(B))


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
    ap.add_argument("--skip_init", action="store_true",
                    help="zero attention-output and FFN-output weights: layers start as identity")
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
    ap.add_argument("--max_steps", type=int, default=10 ** 9)
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
            layer.o.weight.data.zero_(); layer.ff2.weight.data.zero_()
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
        from boe_teacher import BoE
        st = torch.load(a.teacher, map_location="cpu")
        sif = SifTeacher(wp)
        boe = BoE(sif.E, sif.w, linear=st["state"].get("lin.weight") is not None)
        boe.load_state_dict(st["state"]); boe.eval()
        U.log(f"teacher {a.teacher} step {st['step']} dev {st['dev']}")
        teacher = lambda seqs: boe(seqs).detach()
        samplers["boekd"] = samplers["sifkd"]
    names = {"mqp": "sts/medical-question-pairs (train)", "stsnli": "sts/stsb (train, score >= 4 pairs)",
             "cosent": "sts/stsb (train, all scores)", "hcosent": "sts/stsb (train, all scores)",
             "mqpcosent": "sts/medical-question-pairs (train)", "medquad": "qa/medquad (train, question-answer pairs)",
             "simcse": "corpus sentences (unsupervised SimCSE)",
             "boekd": "distillation of a supervised bag-of-embeddings teacher (boe_teacher.py) on train sentences + corpus/consumer_health_qa sentences",
             "sifkd": "distillation of SIF fastText averages on train sentences + corpus/consumer_health_qa sentences"}
    trained_on = sorted({names[t] for t, w in tasks if w > 0})
    trained_on.append("base encoder: " + {"fasttext": "fastText skip-gram vectors (corpus/*.txt.gz)",
                                          "sif": "SIF-init from fastText skip-gram vectors + corpus token frequencies (corpus/*.txt.gz)"
                                                 + (" with content vectors and token weights trained as a bag of embeddings (boe_teacher.py)" if a.sif_from else ""),
                                          }.get(a.init, "MLM pre-trained on corpus/*.txt.gz (" + a.init + ")"))
    cycle = [t for t, w in tasks for _ in range(w)]
    random.Random(a.seed).shuffle(cycle)
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
    torch.save({"state": model.state_dict(), "config": cfg, "step": 0, "dev": rep, "dev_hybrid": hrep,
                "pooling": a.pooling, "trained_on": trained_on}, os.path.join(a.out, "best.pt"))
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
            loss = cosent_loss(model, batch, a.scale, a.pooling)
        elif task in ("hcosent", "mqpcosent"):
            loss = cosent_loss(model, batch, a.scale, a.pooling, a.ratio)
        elif task in ("sifkd", "boekd"):
            loss = sifkd_loss(model, batch, teacher, a.pooling)
        elif task == "simcse":
            loss = simcse_loss(model, batch, a.scale, a.pooling)
        else:
            loss = mnr_loss(model, batch, a.scale, a.pooling)
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tl[task] = tl.get(task, 0) + loss.item(); tn[task] = tn.get(task, 0) + 1
        last = time.time() - train_t0 >= budget or step >= a.max_steps
        if step % a.eval_every == 0 or last:
            rep, hrep, _ = evaluate(model, dev, a.pooling)
            losses = {k: round(tl[k] / tn[k], 4) for k in tl}
            tl, tn = {}, {}
            m = (time.time() - train_t0) / 60
            hist.append({"step": step, "min": m, "loss": losses, "dev": rep, "dev_hybrid": hrep})
            U.log(f"step {step} {m:.1f}min loss {losses}",
                  {k: round(v, 4) for k, v in rep.items()}, "hybrid",
                  {k: round(v, 4) for k, v in hrep.items()})
            if score_of(hrep) > best:
                best = score_of(hrep)
                torch.save({"state": model.state_dict(), "config": cfg, "step": step, "dev": rep,
                            "dev_hybrid": hrep, "pooling": a.pooling, "trained_on": trained_on}, os.path.join(a.out, "best.pt"))
            U.save_json({"args": vars(a), "history": hist, "best": best,
                         "train_minutes": (time.time() - train_t0) / 60,
                         "total_minutes": (time.time() - t0) / 60}, os.path.join(a.out, "history.json"))
    U.save_json({"args": vars(a), "history": hist, "best": best,
                 "train_minutes": (time.time() - train_t0) / 60,
                 "total_minutes": (time.time() - t0) / 60}, os.path.join(a.out, "history.json"))
    U.log(f"done {step} steps, best {best:.4f}, {(time.time() - t0) / 60:.1f} min total")


if __name__ == "__main__":
    main()
