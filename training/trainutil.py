"""Shared helpers: threads, embedding init, batching, LR schedule, BIO-Viterbi."""
import json
import os
import random
import time
import numpy as np
import torch
import workspace as W

HERE = W.HERE

WORK = W.WORK
VOCAB = os.path.join(WORK, "vocab.txt")


def setup(threads=2, seed=13):
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def fasttext_init(bert, vec_path=os.path.join(WORK, "ft256.vec"), vocab_path=VOCAB, target_std=0.05):
    """word embeddings from fastText skip-gram vectors trained on the WordPiece-token corpus."""
    vocab = {t: i for i, t in enumerate(open(vocab_path, encoding="utf-8").read().split("\n")[:-1])}
    W = bert.word.weight.data
    rows, vecs = [], []
    with open(vec_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip().split(" ")
            if len(parts) != W.shape[1] + 1 or parts[0] not in vocab:
                continue
            rows.append(vocab[parts[0]])
            vecs.append([float(x) for x in parts[1:]])
    v = torch.tensor(vecs)
    v = (v - v.mean(0)) / v.std() * target_std  # centred, scaled so the LayerNorm input is sane
    W[rows] = v
    W[0].zero_()
    return len(rows)


def batches(items, bs, shuffle=True, key=len):
    """length-bucketed batches: sort chunks of 50 batches by length so padding stays small."""
    idx = list(range(len(items)))
    if shuffle:
        random.shuffle(idx)
    chunk = bs * 50
    out = []
    for s in range(0, len(idx), chunk):
        part = sorted(idx[s : s + chunk], key=lambda i: key(items[i]))
        out += [part[j : j + bs] for j in range(0, len(part), bs)]
    if shuffle:
        random.shuffle(out)
    return out


def logits(model, ids, tt):
    """A padded batch through a token model on the model's own device (CPU or GPU): float logits on the CPU."""
    device = next(model.parameters()).device
    return model(ids.to(device), (ids != 0).long().to(device), tt.to(device)).float().cpu()


def pad(seqs, value=0):
    T = max(len(s) for s in seqs)
    return torch.tensor([s + [value] * (T - len(s)) for s in seqs], dtype=torch.long)


def schedule(opt, total, warmup=0.06, base_lr=None):
    w = max(1, int(total * warmup))
    f = lambda s: min((s + 1) / w, max(0.0, (total - s) / max(1, total - w)))
    return torch.optim.lr_scheduler.LambdaLR(opt, f)


def bio_allowed(labels):
    """trans[i, j] = allowed to go from label i to label j; start[j] = allowed first label."""
    n = len(labels)
    trans = np.ones((n, n), bool)
    start = np.ones(n, bool)
    for j, lj in enumerate(labels):
        if lj.startswith("I-"):
            start[j] = False
            for i, li in enumerate(labels):
                trans[i, j] = li in ("B-" + lj[2:], lj)
    return trans, start


def viterbi(logp, trans, start):
    """logp [T, L] word-level log-probabilities -> best BIO-valid label index path."""
    T, L = logp.shape
    if T == 0:
        return []
    neg = -1e9
    score = np.where(start, logp[0], neg)
    back = np.zeros((T, L), int)
    tr = np.where(trans, 0.0, neg)
    for t in range(1, T):
        cand = score[:, None] + tr
        back[t] = cand.argmax(0)
        score = cand.max(0) + logp[t]
    path = [int(score.argmax())]
    for t in range(T - 1, 0, -1):
        path.append(int(back[t][path[-1]]))
    return path[::-1]


def first_subwords(widx):
    """Position of each word's first sub-word, in word order (widx: word index per sub-word, -1 for
    specials; a word's sub-words are contiguous). Words cut off by truncation have none."""
    return [p for p, w in enumerate(widx) if w >= 0 and (p == 0 or widx[p - 1] != w)]


def word_path(logp, widx, n_words, trans, start):
    """BIO-Viterbi path over words from sub-word log-probs [T, L]: each word takes its first sub-word's
    row; words cut off by truncation are O."""
    lp = np.full((n_words, logp.shape[-1]), -1e4, np.float32)
    lp[:, 0] = 0.0
    for p in first_subwords(widx):
        lp[widx[p]] = logp[p]
    return viterbi(lp, trans, start)


def prf(pred, gold):
    """micro P/R/F1 over sets of spans."""
    tp_ = len(pred & gold)
    p = tp_ / max(1, len(pred))
    r = tp_ / max(1, len(gold))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def token_hits(gold, pred):
    """PHI-token (true positives, false positives, false negatives) of one sentence's gold and
    predicted is-PHI flags (token-level, as `npm run eval --task deid`)."""
    return (
        sum(g and p for g, p in zip(gold, pred)),
        sum(p and not g for g, p in zip(gold, pred)),
        sum(g and not p for g, p in zip(gold, pred)),
    )


def save_json(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
