"""Minimal BERT in plain torch (no transformers package here), written so that torch.onnx.export
gives MatMul+Add for every Linear (what quantize.py rewrites) and BertConfig-compatible config.json."""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

DEFAULT = dict(
    vocab_size=16000,
    hidden_size=256,
    num_hidden_layers=4,
    num_attention_heads=4,
    intermediate_size=1024,
    max_position_embeddings=512,
    type_vocab_size=5,
    hidden_act="gelu",
    hidden_dropout_prob=0.1,
    attention_probs_dropout_prob=0.1,
    layer_norm_eps=1e-12,
    initializer_range=0.02,
    pad_token_id=0,
)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.nh, self.dh = c["num_attention_heads"], h // c["num_attention_heads"]
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.ln1 = nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.ff1 = nn.Linear(h, c["intermediate_size"])
        self.ff2 = nn.Linear(c["intermediate_size"], h)
        self.ln2 = nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.drop = nn.Dropout(c["hidden_dropout_prob"])
        self.adrop = nn.Dropout(c["attention_probs_dropout_prob"])

    def heads(self, x):  # [B,T,H] -> [B,nh,T,dh]
        return x.view(x.shape[0], x.shape[1], self.nh, self.dh).transpose(1, 2)

    def forward(self, x, bias):
        q, k, v = self.heads(self.q(x)), self.heads(self.k(x)), self.heads(self.v(x))
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.dh) + bias
        att = self.adrop(att.softmax(-1))
        ctx = torch.matmul(att, v).transpose(1, 2).reshape(x.shape)
        x = self.ln1(x + self.drop(self.o(ctx)))
        return self.ln2(x + self.drop(self.ff2(F.gelu(self.ff1(x)))))


class Bert(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        h = c["hidden_size"]
        self.word = nn.Embedding(c["vocab_size"], h, padding_idx=0)
        self.pos = nn.Embedding(c["max_position_embeddings"], h)
        self.typ = nn.Embedding(c["type_vocab_size"], h)
        self.ln = nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.drop = nn.Dropout(c["hidden_dropout_prob"])
        self.layers = nn.ModuleList(Layer(c) for _ in range(c["num_hidden_layers"]))
        self.apply(self._init)

    def _init(self, m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            m.weight.data.normal_(0, self.c["initializer_range"])
        if isinstance(m, nn.Linear) and m.bias is not None:
            m.bias.data.zero_()

    def forward(self, input_ids, attention_mask, token_type_ids):
        T = input_ids.shape[1]
        pos = torch.arange(T, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.pos(pos) + self.typ(token_type_ids)
        x = self.drop(self.ln(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


class MLMHead(nn.Module):
    def __init__(self, c, word_emb):
        super().__init__()
        h = c["hidden_size"]
        self.dense, self.ln = nn.Linear(h, h), nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.word_emb = word_emb  # tied decoder
        self.bias = nn.Parameter(torch.zeros(c["vocab_size"]))

    def forward(self, x):
        return F.linear(self.ln(F.gelu(self.dense(x))), self.word_emb.weight, self.bias)


class BiLSTM(nn.Module):
    """Bidirectional LSTM that ignores right padding, exportable to plain ONNX: the backward direction
    runs forwards over each sequence reversed within its own length (a GatherElements permutation),
    so a padded batch gives exactly the per-sequence result (an nn.LSTM(bidirectional=True) would read
    the padding first)."""

    def __init__(self, width, hidden):
        super().__init__()
        self.fwd = nn.LSTM(width, hidden, batch_first=True)
        self.bwd = nn.LSTM(width, hidden, batch_first=True)

    @staticmethod
    def reverse(x, order):
        return torch.gather(x, 1, order.unsqueeze(-1).expand(-1, -1, x.shape[-1]))

    def forward(self, x, attention_mask):
        lengths = attention_mask.sum(1, keepdim=True)
        t = torch.arange(x.shape[1], device=x.device).unsqueeze(0).expand_as(attention_mask)
        order = torch.where(t < lengths, lengths - 1 - t, t)  # its own inverse
        back = self.reverse(self.bwd(self.reverse(x, order))[0], order)
        return torch.cat([self.fwd(x)[0], back], -1)


class TokenClassifier(nn.Module):
    """BERT token classifier; with config lstm_hidden > 0 a padding-safe BiLSTM reads the BERT states
    (with num_hidden_layers 0: a BiLSTM over the embeddings + lexicon-type features)."""

    def __init__(self, c, num_labels):
        super().__init__()
        self.bert = Bert(c)
        self.drop = nn.Dropout(c["hidden_dropout_prob"])
        k = c.get("lstm_hidden", 0)
        self.lstm = BiLSTM(c["hidden_size"], k) if k else None
        self.classifier = nn.Linear(2 * k if k else c["hidden_size"], num_labels)

    def forward(self, input_ids, attention_mask, token_type_ids):
        x = self.bert(input_ids, attention_mask, token_type_ids)
        if self.lstm is not None:
            x = self.lstm(x, attention_mask)
        return self.classifier(self.drop(x))


class MeanLogits(nn.Module):
    """An ensemble exported as one graph: the mean of its members' logits. type_mods[k]: for a member
    trained without word shapes, the number of lexicon type ids — its ids are the shaped ids modulo
    that (lexicon id + n_lexicon * shape, CONTRACT "Word-shape feature"); None: the ids as given."""

    def __init__(self, members, type_mods=None):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.type_mods = type_mods or [None] * len(members)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return torch.stack(
            [
                m(input_ids, attention_mask, token_type_ids if k is None else torch.remainder(token_type_ids, k))
                for m, k in zip(self.members, self.type_mods)
            ]
        ).mean(0)


class SequenceClassifier(nn.Module):
    """[CLS] and masked-mean pooled states concatenated: mean pooling helps on long notes.
    Optional (long documents): a bag-of-sub-words linear branch over ALL input tokens (per-token label
    weights summed, / sqrt(length)) added to the logits, while the encoder reads only the first
    `bert_tokens` sub-words -- a linear BoW model is strong on long notes and nearly free."""

    def __init__(self, c, num_labels, bow=False, bert_tokens=0):
        super().__init__()
        self.bert = Bert(c)
        h = c["hidden_size"]
        self.drop = nn.Dropout(c["hidden_dropout_prob"])
        self.pool = nn.Linear(2 * h, h)
        self.classifier = nn.Linear(h, num_labels)
        self.bert_tokens = bert_tokens
        self.bow = nn.Embedding(c["vocab_size"], num_labels) if bow else None
        if bow:
            self.bow.weight.data.zero_()

    def forward(self, input_ids, attention_mask, token_type_ids):
        ids, am, tt = input_ids, attention_mask, token_type_ids
        if self.bert_tokens:
            ids, am, tt = ids[:, : self.bert_tokens], am[:, : self.bert_tokens], tt[:, : self.bert_tokens]
        x = self.bert(ids, am, tt)
        m = am.unsqueeze(-1).to(x.dtype)
        mean = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
        z = torch.tanh(self.pool(torch.cat([x[:, 0], mean], -1)))
        logits = self.classifier(self.drop(z))
        if self.bow is not None:
            mm = attention_mask.unsqueeze(-1).to(x.dtype)
            # sum / sqrt(length): like an l2-normalised term-frequency vector
            logits = logits + (self.bow(input_ids) * mm).sum(1) / mm.sum(1).clamp(min=1.0).sqrt()
        return logits


def load_base(model, path):
    """copy encoder weights from a base checkpoint (fp16 state dict of Bert) into model.bert;
    token-type embeddings are resized (fine-tuned models may use more lexicon types)."""
    sd = torch.load(path, map_location="cpu")
    sd = sd.get("bert", sd)
    own = model.bert.state_dict()
    for k, v in sd.items():
        if k in own:
            v = v.float()
            if own[k].shape == v.shape:
                own[k] = v
            elif k == "typ.weight":
                n = min(v.shape[0], own[k].shape[0])
                own[k][:n] = v[:n]
    model.bert.load_state_dict(own)
