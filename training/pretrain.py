"""MLM pre-training of the base encoder (L4/H256 by default) from fastText-initialised embeddings.

Runs as a single process, or unchanged under DDP (gloo, CPU):
  torchrun --nproc_per_node=2 pretrain.py ...                      (one machine, 2 processes)
  torchrun --nnodes=N --node_rank=R --master_addr=HOST --master_port=29500 \
           --nproc_per_node=P pretrain.py ...                     (several machines)
The LR schedule is time-based (warmup, then linear decay to 0 at --minutes), so a fixed wall-clock
budget always ends with a fully decayed model. Rank 0 checkpoints every --ckpt_min minutes and
writes the final fp16 encoder to --save (default work/checkpoints/base.pt); --resume continues a run.
"""
import argparse
import contextlib
import os
import time
import numpy as np
import torch
import torch.distributed as dist
import corpus_ids as CI
import trainutil as U
from model import DEFAULT, Bert, MLMHead


class MLM(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.bert = Bert(cfg)
        self.head = MLMHead(cfg, self.bert.word)

    def forward(self, ids, labels):
        x = self.bert(ids, (ids != 0).long(), torch.zeros_like(ids))
        m = labels >= 0  # logits only at masked positions: the vocab projection is the costliest op
        return torch.nn.functional.cross_entropy(self.head(x[m]), labels[m])


def corpus_ids(path=CI.DEFAULT_OUT):
    """The corpus as one int16 id stream, documents separated by [SEP] (corpus_ids.py): the default
    file is rebuilt when its inputs change; a file named with --corpus (e.g. packed for a GPU machine
    without the data) is taken as it is."""
    return CI.cached(path) if path == CI.DEFAULT_OUT else np.load(path, mmap_mode="r")


def mask_batch(chunks, vocab_size, rng, p=0.15):
    """[CLS] chunk [SEP]; 15% of tokens -> 80% [MASK], 10% random, 10% kept."""
    ids = np.concatenate([np.full((len(chunks), 1), 2), chunks, np.full((len(chunks), 1), 3)], 1).astype(np.int64)
    cand = ids > 4
    sel = (rng.random(ids.shape) < p) & cand
    labels = np.where(sel, ids, -100)
    r = rng.random(ids.shape)
    ids = np.where(sel & (r < 0.8), 4, ids)
    rnd = sel & (r >= 0.8) & (r < 0.9)
    ids = np.where(rnd, rng.integers(5, vocab_size, ids.shape), ids)
    return torch.from_numpy(ids), torch.from_numpy(labels)


def init_from(model, path):
    """continue from an earlier base checkpoint (its encoder and MLM head) instead of fastText."""
    st = torch.load(path, map_location="cpu")
    model.bert.load_state_dict({k: v.float() for k, v in st["bert"].items()})
    head = {k: v.float() for k, v in st.get("mlm_head", {}).items()}
    model.head.load_state_dict({**head, "word_emb.weight": model.bert.word.weight.data}, strict=False)
    return st.get("step", 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=45)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--bs", type=int, default=32, help="sequences per step per process")
    ap.add_argument("--lr", type=float, default=7e-4)
    ap.add_argument("--warmup", type=int, default=150)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max_steps", type=int, default=10**9)
    ap.add_argument("--ckpt_min", type=float, default=5)
    ap.add_argument("--out", default=os.path.join(U.WORK, "pretrain"))
    ap.add_argument(
        "--save",
        default=os.path.join(U.WORK, "checkpoints/base.pt"),
        help="the final fp16 encoder (never the committed checkpoints/base.pt unless named)",
    )
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", default="", help="start from this base checkpoint, not from fastText vectors")
    ap.add_argument("--corpus", default=os.path.join(U.WORK, "corpus.ids.npy"), help="id stream (corpus_ids.py)")
    ap.add_argument("--device", default="cpu", help="cuda: one GPU, bf16 autocast")
    a = ap.parse_args()
    ddp = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    if ddp:
        dist.init_process_group("gloo")
    rank, world = (dist.get_rank(), dist.get_world_size()) if ddp else (0, 1)
    U.setup(a.threads, seed=13 + rank)
    os.makedirs(a.out, exist_ok=True)
    if rank == 0:
        corpus_ids(a.corpus)  # build the cache once
    if ddp:
        dist.barrier()
    stream = corpus_ids(a.corpus)
    L = a.seq - 2
    n_chunks = len(stream) // L
    cfg = dict(DEFAULT, vocab_size=sum(1 for _ in open(U.VOCAB, encoding="utf-8")), type_vocab_size=5)
    torch.manual_seed(13)  # same init on every rank
    model = MLM(cfg)
    step, elapsed0 = 0, 0.0
    ck = os.path.join(a.out, "ckpt.pt")
    if a.resume and os.path.exists(ck):
        st = torch.load(ck, map_location="cpu")
        model.load_state_dict(st["model"])
        step, elapsed0 = st["step"], st["elapsed"]
    elif a.init:
        U.log(f"init from {a.init} (its step {init_from(model, a.init)})")
    else:
        n = U.fasttext_init(model.bert)
        if rank == 0:
            U.log(f"fastText init: {n} rows")
    dev = torch.device(a.device)
    model.to(dev)
    amp = (lambda: torch.autocast("cuda", dtype=torch.bfloat16)) if dev.type == "cuda" else contextlib.nullcontext
    dmodel = torch.nn.parallel.DistributedDataParallel(model) if ddp else model
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01, betas=(0.9, 0.98))
    if a.resume and os.path.exists(ck):
        opt.load_state_dict(st["opt"])
    rng = np.random.default_rng(1000 * rank + step)
    order = np.random.default_rng(7).permutation(n_chunks)  # same order everywhere; ranks stride it
    budget = a.minutes * 60
    t0, last_ck, ema, toks = time.time(), time.time(), None, 0
    if rank == 0:
        U.log(f"{n_chunks} chunks of {L}, world {world}, params {sum(p.numel() for p in model.parameters())}")
    while True:
        frac = torch.tensor([(elapsed0 + time.time() - t0) / budget])
        if ddp:  # all ranks must agree on the LR and on when to stop
            dist.all_reduce(frac, op=dist.ReduceOp.MAX)
        frac = frac.item()
        if frac >= 1 or step >= a.max_steps:
            break
        lr = a.lr * min((step + 1) / a.warmup, 1.0 - frac)
        for g in opt.param_groups:
            g["lr"] = lr
        base = (step * world + rank) * a.bs
        idx = order[np.arange(base, base + a.bs) % n_chunks]
        chunks = np.stack([stream[i * L : (i + 1) * L] for i in idx])
        ids, labels = mask_batch(chunks, cfg["vocab_size"], rng)
        with amp():
            loss = dmodel(ids.to(dev, non_blocking=True), labels.to(dev, non_blocking=True))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        toks += ids.numel() * world
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        if rank == 0 and step % 20 == 0:
            el = time.time() - t0
            U.log(f"step {step} loss {ema:.3f} lr {lr:.2e} {toks / el:.0f} tok/s (all ranks) {frac * 100:.0f}%")
        if rank == 0 and time.time() - last_ck > a.ckpt_min * 60:
            torch.save(
                {
                    "model": model.state_dict(),
                    "opt": opt.state_dict(),
                    "step": step,
                    "elapsed": elapsed0 + time.time() - t0,
                    "config": cfg,
                },
                ck + ".tmp",
            )
            os.replace(ck + ".tmp", ck)
            last_ck = time.time()
    if rank == 0:
        torch.save(
            {
                "model": model.state_dict(),
                "opt": opt.state_dict(),
                "step": step,
                "elapsed": elapsed0 + time.time() - t0,
                "config": cfg,
            },
            ck,
        )
        half = {
            "bert": {k: v.half().cpu() for k, v in model.bert.state_dict().items()},
            "mlm_head": {k: v.half().cpu() for k, v in model.head.state_dict().items() if k != "word_emb.weight"},
            "config": cfg,
            "step": step,
            "loss": ema,
            "world": world,
        }
        os.makedirs(os.path.dirname(a.save), exist_ok=True)
        torch.save(half, a.save)
        U.log(f"saved {a.save} step {step} loss {ema:.3f}")
    if ddp:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
