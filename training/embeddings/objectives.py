"""Training data and objectives shared by the embedding trainers (train_embeddings.py: the BERT;
boe_teacher.py: the bag of embeddings). Each loss takes `embed`, a function from a list of id
sequences to L2-normalised vectors [n, dim], so it does not care which model computes them.
"""
import gzip
import os
import random
import numpy as np
import torch
import torch.nn.functional as F
from common import U, tp, read_pairs, read_medquad, DATA, char_ngram_cosine


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
        partners.setdefault(x, []).append((s, y))
        partners.setdefault(y, []).append((s, x))
    pos = []
    for s, x, y in sts:
        if s >= 4.0:
            negs = [z for sc, z in partners.get(x, []) if sc <= 2.0 and z != y]
            pos.append((enc(x), enc(y), enc(negs[0]) if negs else None, x))
    data["stsnli"] = pos
    data["cosent"] = [(enc(x), enc(y), s, char_ngram_cosine(x, y)) for s, x, y in sts]
    data["mqpcosent"] = [
        (enc(x), enc(y), s, char_ngram_cosine(x, y)) for s, x, y in read_pairs("medical-question-pairs", "train")
    ]
    mq = read_medquad("train")
    data["medquad"] = [
        (enc(r["question"]), enc(" ".join(r["answer"].split()[: a.answer_words]), 96), None, r["focus"].lower())
        for r in mq
    ]
    if a.kd_sentences:
        mq = read_medquad("train")
        sents = set()
        for n in ("stsb", "medical-question-pairs"):
            for r in read_pairs(n, "train"):
                sents.update(r[1:])
        sents.update(r["question"] for r in mq)
        with gzip.open(f"{DATA}/corpus/consumer_health_qa.txt.gz", "rt", encoding="utf-8") as f:
            lines = [s.strip() for s in f if 20 <= len(s.strip()) <= 250]
        random.Random(2).shuffle(lines)
        sents = sorted(sents) + lines[: a.kd_sentences]
        data["sifkd"] = [enc(s, 64) for s in sents]
    if a.simcse_sentences:
        sents = []
        for name in ("consumer_health_qa", "clinical_notes", "pubmed_labeled_corpora"):
            with gzip.open(f"{DATA}/corpus/{name}.txt.gz", "rt", encoding="utf-8") as f:
                lines = [s.strip() for s in f if 30 <= len(s.strip()) <= 300]
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


def sifkd_loss(embed, batch, teacher):
    """relational distillation: the model's in-batch cosine matrix should match the SIF teacher's."""
    e = embed(batch)
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
                self.queue = list(range(len(self.items)))
                random.shuffle(self.queue)
            i = self.queue.pop()
            k = self.key(self.items[i]) if self.key else None
            if k is not None and k in seen:
                skipped.append(i)
                if len(skipped) > 4 * self.bs:
                    break
                continue
            seen.add(k)
            out.append(self.items[i])
        self.queue = skipped + self.queue
        return out


def mnr_loss(embed, batch, scale):
    """batch: (anchor ids, positive ids, hard negative ids or None, key). symmetric MNR."""
    A = [b[0] for b in batch]
    P = [b[1] for b in batch]
    N = [b[2] for b in batch if b[2] is not None]
    e = embed(A + P + N)
    B = len(A)
    ea, ep, en = e[:B], e[B : 2 * B], e[2 * B :]
    tgt = torch.arange(B)
    cand = torch.cat([ep, en]) if len(N) else ep
    l1 = F.cross_entropy(scale * ea @ cand.T, tgt)
    l2 = F.cross_entropy(scale * ep @ ea.T, tgt)
    return (l1 + l2) / 2


def cosent_loss(embed, batch, lam, ratio=0.0):
    """CoSENT; with ratio > 0 on the hybrid score cos + ratio * char-n-gram cosine (b[3]), so the
    embedding learns what the lexical score misses instead of duplicating it."""
    X = [b[0] for b in batch]
    Y = [b[1] for b in batch]
    e = embed(X + Y)
    B = len(X)
    cos = (e[:B] * e[B:]).sum(-1)
    if ratio:
        cos = cos + ratio * torch.tensor([b[3] for b in batch], dtype=cos.dtype)
    cos = cos * lam
    s = torch.tensor([b[2] for b in batch])
    diff = cos[None, :] - cos[:, None]  # [i, j] = cos_j - cos_i
    mask = s[:, None] > s[None, :]  # gold_i > gold_j -> want cos_i > cos_j
    diff = diff[mask]
    return torch.logsumexp(torch.cat([torch.zeros(1), diff]), 0)


def simcse_loss(embed, batch, scale):
    e = embed(batch + batch)  # dropout gives two views
    B = len(batch)
    return F.cross_entropy(scale * e[:B] @ e[B:].T, torch.arange(B))
