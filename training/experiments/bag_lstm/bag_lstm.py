"""The trained bag table plus a contextual correction: last_hidden_state[t] = T[id_t] + W · BiLSTM(T[ids])_t.
W starts at 0, so training starts exactly from the shipped bag (its dev figures) and can only add
what word order and context give. The table stays frozen; the BiLSTM is padding-safe (model.py),
so batched mean pooling equals the per-sentence result. Ran through boe_teacher.py --lstm (an option
removed with this move; see README.md here); tried on 2026-11-27 and not shipped (dev fell, see training/embeddings/README.md)."""
import os
import sys

# archived here: reach training/ and training/embeddings/ as from their old place
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "../.."), os.path.join(HERE, "../../embeddings")]
import torch
import torch.nn as nn
import torch.nn.functional as F
from common import U
from model import BiLSTM


class BagLstm(nn.Module):
    def __init__(self, table, hidden):
        super().__init__()
        self.table = nn.Embedding.from_pretrained(torch.as_tensor(table), freeze=True, padding_idx=0)
        self.lstm = BiLSTM(self.table.embedding_dim, hidden)
        self.out = nn.Linear(2 * hidden, self.table.embedding_dim)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def states(self, ids, mask):
        x = self.table(ids)
        return x + self.out(self.lstm(x, mask))

    def forward(self, seqs):
        """seqs: id lists incl. [CLS]/[SEP] -> L2-normalised mean over all tokens (as the app pools)."""
        ids = U.pad(seqs)
        mask = (ids != 0).long()
        m = mask.unsqueeze(-1).float()
        return F.normalize((self.states(ids, mask) * m).sum(1) / m.sum(1), dim=-1)
