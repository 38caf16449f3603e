"""SIF-init: set the weights of the shared BERT (model.py, L4/H256) so that its mean-pooled,
L2-normalised last_hidden_state *is* the SIF-weighted average of the fastText WordPiece vectors
(weights a / (a + p(token)), no principal-component removal), exactly, without training:

* word embedding row t = [b_t, -b_t, b_t, -b_t, ... (8 "weight" dims), c_t (248 content dims)], where
  c_t = the fastText vector projected on its top-248 (uncentred) singular directions, made zero-mean;
  position / token-type embeddings 0; every LayerNorm gain 1, bias 0;
* every layer's attention output (o) and FFN output (ff2) weights 0, so layers are identities
  (LayerNorm of an already normalised vector), except layer 4's FFN, which amplifies the weight dims
  (hidden unit i = gelu(+-u_i), ff2 writes +-A * it back) so the table can hold small b_t (q8 friendly);
* layer 4's final LayerNorm gain is 0 on the 8 weight dims: the output is c_t * s_t with
  s_t = sqrt(H) / sqrt(|weight dims|^2 + |c_t|^2) (after LayerNorm), and b_t is solved (bisection)
  so that s_t is proportional to the SIF weight; [CLS]/[SEP]/[MASK]/tokens without a vector: c = 0.
Mean pooling over the sequence then gives sum_t w_t c_t / n, i.e. the SIF direction.
Everything stays trainable: fine-tuning starts from the SIF embedding.
"""
import os
import numpy as np
import torch
from common import U, tp

NW = 8  # weight dims (4 +/- pairs)


def load_vectors(wp):
    V = len(wp)
    E = np.zeros((V, 256), np.float64)
    have = np.zeros(V, bool)
    with open(os.path.join(U.WORK, "ft256.vec"), encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip().split(" ")
            if len(p) == 257 and p[0] in wp.vocab:
                E[wp.vocab[p[0]]] = np.array(p[1:], np.float64)
                have[wp.vocab[p[0]]] = True
    ids = np.load(os.path.join(U.WORK, "corpus.ids.npy"), mmap_mode="r")
    freq = np.bincount(np.asarray(ids, np.int64), minlength=V).astype(np.float64)
    return E, have, freq / freq.sum()


def gelu(x):
    from scipy.special import erf

    return 0.5 * x * (1 + erf(x / np.sqrt(2)))


def projected(wp, a=1e-3, H=256):
    """(C [V, H-NW] projected + row-centred fastText vectors, 0 for specials/missing; SIF weights w)"""
    E, have, prob = load_vectors(wp)
    have[:5] = False
    w = a / (a + prob)
    _, _, Vt = np.linalg.svd(E[have], full_matrices=False)
    C = E @ Vt[: H - NW].T
    C -= C.mean(1, keepdims=True)
    C[~have] = 0
    return C, w


@torch.no_grad()
def build(model, wp, a=1e-3, A=32.0, H=256, C=None, w=None):
    """C, w: content vectors and token weights to realise (default: projected fastText + SIF)."""
    bert = model.bert
    if C is None:
        C, w = projected(wp, a, H)
    C = np.asarray(C, np.float64)
    w = np.asarray(w, np.float64)
    C = C - C.mean(1, keepdims=True)
    C[:5] = 0
    have = np.abs(C).sum(1) > 0
    n = np.linalg.norm(C, axis=1)

    # output content scale for table value beta (per weight dim): LayerNorm twice around the amplifier
    def scale(beta):
        sig = np.sqrt((NW * beta**2 + n**2) / H)  # embedding LayerNorm std
        u = beta / sig
        xb = u + A * gelu(u)  # weight dims after layer-4 FFN residual
        cn = n / np.maximum(sig, 1e-12)  # content norm after embedding LN
        s2 = np.sqrt((NW * xb**2 + cn**2) / H)  # final LayerNorm std
        return 1.0 / (np.maximum(sig, 1e-12) * s2)  # output content = c * scale

    real = have & (n > 0)
    target_rel = np.where(real, w * n, 0)  # want |out_t| proportional to w_t * |c_t|
    # scale at beta=0 is sqrt(H)/n -> |out| = sqrt(H) for every token; the largest w*n keeps beta=0
    K = np.sqrt(H) / target_rel[real].max()
    want = K * w  # desired scale (|out| = K w n <= sqrt(H))
    lo = np.zeros(len(n))
    hi = np.full(len(n), 10.0 * n.max() + 1)
    for _ in range(80):
        mid = (lo + hi) / 2
        too_big = scale(mid) > want  # scale decreases with beta
        lo = np.where(too_big, mid, lo)
        hi = np.where(too_big, hi, mid)
    beta = np.where(real, (lo + hi) / 2, 0.0)
    beta[~real] = max(1.0, float(np.abs(C).max()))  # specials / no vector: all weight, no content
    table = np.zeros((len(n), H))
    for i in range(NW):
        table[:, i] = beta * (1 if i % 2 == 0 else -1)
    table[:, NW:] = C
    table[0] = 0  # [PAD]
    bert.word.weight.copy_(torch.tensor(table, dtype=torch.float32))
    bert.pos.weight.zero_()
    bert.typ.weight.zero_()
    bert.ln.weight.fill_(1)
    bert.ln.bias.zero_()
    for li, layer in enumerate(bert.layers):
        for ln in (layer.ln1, layer.ln2):
            ln.weight.fill_(1)
            ln.bias.zero_()
        layer.o.weight.zero_()
        layer.o.bias.zero_()
        layer.ff2.weight.zero_()
        layer.ff2.bias.zero_()
        layer.ff1.weight.zero_()
        layer.ff1.bias.zero_()
    last = bert.layers[-1]
    for i in range(NW):
        sgn = 1.0 if i % 2 == 0 else -1.0
        last.ff1.weight[i, i] = sgn  # hidden i = gelu(+-u_i) = gelu(u) >= 0 for both signs
        last.ff2.weight[i, i] = sgn * A  # write +-A * gelu(u) back to dim i
    last.ln2.weight[:NW] = 0
    achieved = scale(beta)[real] / want[real]
    return {
        "A": A,
        "beta_max": float(beta[real].max()),
        "content_abs_max": float(np.abs(C).max()),
        "scale_rel_err_max": float(np.abs(achieved - 1).max()),
        "K": float(K),
    }


def reference(wp, enc, a=1e-3):
    """the SIF average computed directly with the same projected vectors (for the check)."""
    E, have, prob = load_vectors(wp)
    have[:5] = False
    w = a / (a + prob)
    _, _, Vt = np.linalg.svd(E[have], full_matrices=False)
    C = E @ Vt[:248].T
    C -= C.mean(1, keepdims=True)
    C[~have] = 0
    X = np.stack([(w[e, None] * C[e]).sum(0) for e in enc])
    return X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)


if __name__ == "__main__":
    import time
    from common import DevSet
    from encoder import Embedder, embed_all
    from model import DEFAULT

    U.setup(1)
    wp = tp.WordPiece.load(U.VOCAB)
    m = Embedder(dict(DEFAULT, vocab_size=len(wp)))
    t0 = time.time()
    print(build(m, wp), f"{time.time() - t0:.1f}s")
    dev = DevSet(wp)
    X = embed_all(m, dev.enc)
    R = reference(wp, dev.enc)
    print("max |model - reference| (unit vectors):", float(np.abs(X[:, NW:] - R).max()), float(np.abs(X[:, :NW]).max()))
    print("model    ", dev.report(dev.cosines(X)))
    print("reference", dev.report(dev.cosines(R)))
