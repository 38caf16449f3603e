"""The BERT sentence encoder of the embeddings experiments: last_hidden_state out, pooled (mean over
the attention mask, as workers/tasks/similarity/similarity.ts does, or [CLS]) and L2-normalised here."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from common import U
from model import Bert


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
        b = order[s : s + bs]
        out[b] = embed_ids(model, [enc[i] for i in b], pooling).numpy()
    model.train()
    return out
