"""The bag-of-embeddings sentence model: per-token weights (log-parametrised) times content vectors,
mean over the sentence's sub-words without [CLS]/[SEP], optional linear map, L2-normalised.
Trained by boe_teacher.py; a distillation teacher in train_embeddings.py (task `boekd`)."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from common import U


class BoE(nn.Module):
    def __init__(self, E, w, train_table=True, linear=True, center=False):
        super().__init__()
        self.center = center
        self.E = nn.Embedding.from_pretrained(torch.tensor(E), freeze=not train_table, padding_idx=0)
        self.logw = nn.Parameter(torch.tensor(np.log(w)))
        self.lin = nn.Linear(E.shape[1], E.shape[1]) if linear else None
        if linear:
            nn.init.eye_(self.lin.weight)
            nn.init.zeros_(self.lin.bias)

    def forward(self, seqs):
        ids = U.pad([s[1:-1] if len(s) > 2 else s for s in seqs])
        m = (ids != 0).float()
        w = self.logw[ids].exp() * m
        X = self.E(ids)
        if self.center:  # rows zero-mean: what the BERT's LayerNorm sees (exact transplant, sif_init.py)
            X = X - X.mean(-1, keepdim=True)
        v = (w.unsqueeze(-1) * X).sum(1) / m.sum(1, keepdim=True).clamp(min=1)
        if self.lin is not None:
            v = self.lin(v)
        return F.normalize(v, dim=-1)
