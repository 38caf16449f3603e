"""Export a trained embeddings run to models/embeddings/ (CONTRACT layout): ONNX fp32 whose output is
last_hidden_state, our q8 (training/quantize.py), tokenizer files (shared vocabulary, copied from
models/entities), config.json with the medtext block. The hybrid weights and the pair threshold are
fitted on **dev** (STS-B dev + MQP dev) with the q8 model's cosines (q8 emulated in torch exactly as
quantize.py + DynamicQuantizeLinear compute it, batched like workers/runtime/batch.ts; the emulation
is checked against the numpy ONNX interpreter).
Usage: /usr/bin/python3 training/experiments/bert_embeddings/export_embeddings.py --run training/work/embeddings/runs/final \
         --out models/embeddings [--no_hybrid]
"""
import os
import sys

# archived here: reach training/ and training/embeddings/ as from their old place
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "../.."), os.path.join(HERE, "../../embeddings")]
import argparse
import json
import os
import shutil
import numpy as np
import torch
import torch.nn.functional as F
from common import U, tp, DevSet, TRAINING, best_threshold, shipped_hybrid
from encoder import Embedder
import onnx_numpy
from quantize import quantize

CHECK = [
    "A man is playing a flute.",
    "Can I drink alcohol after my last dose of azithromycin this morning?",
    "The patient denies chest pain; BP 120/80, started on metformin 500 mg b.i.d.",
]


def export(model, path):
    model.eval()
    ids = torch.tensor([[2, 100, 200, 300, 3], [2, 150, 250, 3, 0]])
    args = (ids, (ids != 0).long(), torch.zeros_like(ids))
    ax = {0: "batch", 1: "sequence"}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(
        model,
        args,
        path,
        opset_version=14,
        do_constant_folding=True,
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": ax, "attention_mask": ax, "token_type_ids": ax, "last_hidden_state": ax},
    )


class Q8:
    """torch emulation of the q8 graph: per-column symmetric int8 weights, per-tensor uint8 dynamic
    activation quantisation before each Linear, int8 word-embedding table."""

    def __init__(self, model):
        import copy

        self.m = copy.deepcopy(model).eval()
        for mod in self.m.modules():
            if isinstance(mod, torch.nn.Linear):
                W = mod.weight.data.T  # [K, N] as exported
                s = W.abs().max(0).values.clamp(min=1e-8) / 127.0
                mod.wq = torch.clamp(torch.round(W / s), -127, 127).double()
                mod.ws = s.float()
                mod.forward = self._linear(mod)
        E = self.m.bert.word.weight.data
        s = float(E.abs().max().clamp(min=1e-8) / 127.0)
        s = float(np.float32(s))
        self.m.bert.word.weight.data = torch.clamp(torch.round(E / s), -127, 127) * s

    @staticmethod
    def _linear(mod):
        def f(x):
            lo, hi = min(0.0, float(x.min())), max(0.0, float(x.max()))
            xs = np.float32((hi - lo) / 255.0) if hi > lo else np.float32(1.0)
            zp = float(np.clip(np.round(-lo / xs), 0, 255))
            q = torch.clamp(torch.round(x / float(xs)) + zp, 0, 255) - zp
            y = torch.matmul(q.double(), mod.wq).float()
            return y * (float(xs) * mod.ws) + mod.bias

        return f

    @torch.no_grad()
    def __call__(self, ids, mask, tt):
        return self.m(ids, mask, tt)


def undedup(path):
    """torch.onnx.export merges identical initialisers (the all-zero attention-output / FFN weights of the
    SIF-init layers) and feeds the other consumers through Identity nodes, which quantize.py does not
    see through (those MatMuls would stay fp32): give every consumer its own initialiser again."""
    import onnx

    m = onnx.load(path)
    g = m.graph
    inits = {t.name: t for t in g.initializer}
    keep, n = [], 0
    for node in g.node:
        if node.op_type == "Identity" and node.input[0] in inits:
            t = onnx.TensorProto()
            t.CopyFrom(inits[node.input[0]])
            t.name = node.output[0]
            g.initializer.append(t)
            n += 1
        else:
            keep.append(node)
    del g.node[:]
    g.node.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return n


def prune_unused(path):
    """torch.onnx.export shares identical initialisers (here the all-zero attention-output / FFN weights
    of several layers); quantize.py keeps a shared fp32 weight when it has several consumers, even though
    all of them were rewritten to int8: drop initialisers that no node reads any more (no numeric change)."""
    import onnx

    m = onnx.load(path)
    used = {x for n in m.graph.node for x in n.input} | {o.name for o in m.graph.output}
    keep = [t for t in m.graph.initializer if t.name in used]
    dropped = len(m.graph.initializer) - len(keep)
    del m.graph.initializer[:]
    m.graph.initializer.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return dropped


def app_batches(lengths, max_tokens=4096, max_size=32):
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    out, i = [], 0
    while i < len(order):
        j = i + 1
        while j < len(order) and j - i < max_size and (j - i + 1) * lengths[order[j]] <= max_tokens:
            j += 1
        out.append(order[i:j])
        i = j
    return out


@torch.no_grad()
def embed_app(fn, enc, pooling="mean"):
    """embeddings as the app computes them (same batching, pooling over own tokens, L2)."""
    out = np.zeros((len(enc), 256), np.float32)
    for b in app_batches([len(e) for e in enc]):
        ids = U.pad([enc[i] for i in b])
        mask = (ids != 0).long()
        h = fn(ids, mask, torch.zeros_like(ids))
        for r, i in enumerate(b):
            n = len(enc[i])
            v = h[r, 0] if pooling == "cls" else h[r, :n].mean(0)
            out[i] = F.normalize(v, dim=-1).numpy()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--out", default=os.path.join(TRAINING, "..", "models", "embeddings"))
    ap.add_argument("--no_hybrid", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    U.setup(a.threads)
    ck = torch.load(os.path.join(a.run, "best.pt"), map_location="cpu")
    cfg, pooling = ck["config"], ck.get("pooling", "mean")
    model = Embedder(cfg)
    model.load_state_dict(ck["state"])
    model.eval()
    fp32 = os.path.join(a.out, "onnx/model.onnx")
    q8 = os.path.join(a.out, "onnx/model_quantized.onnx")
    export(model, fp32)
    undedup(fp32)
    quantize(fp32, q8)
    prune_unused(q8)
    ent = os.path.join(TRAINING, "..", "models", "entities")
    for f in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(os.path.join(ent, f), a.out)
    wp = tp.WordPiece.load(U.VOCAB)
    # check: torch vs fp32 ONNX vs q8 ONNX vs q8 torch emulation (numpy interpreter, 3 sentences)
    emu = Q8(model)
    enc = [tp.encode(wp, s)[0] for s in CHECK]
    ids = U.pad(enc)
    mask = (ids != 0).long()
    tt = torch.zeros_like(ids)
    with torch.no_grad():
        ref = model(ids, mask, tt).numpy()
    em = emu(ids, mask, tt).numpy()
    feeds = {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "token_type_ids": tt.numpy()}
    A = onnx_numpy.run(fp32, feeds)["last_hidden_state"]
    B = onnx_numpy.run(q8, feeds)["last_hidden_state"]
    valid = mask.numpy().astype(bool)
    res = {
        "max_abs_torch_vs_fp32": float(np.abs(ref - A)[valid].max()),
        "max_abs_fp32_vs_q8": float(np.abs(A - B)[valid].max()),
        "max_abs_q8_vs_torch_q8_emulation": float(np.abs(B - em)[valid].max()),
        "hidden_scale": float(np.abs(A[valid]).max()),
    }
    # dev: fp32 and q8 cosines; hybrid + threshold fitted on q8 dev cosines
    dev = DevSet(wp)
    # embed each dev set on its own, as the harness does (q8 activation scales depend on the batch)
    ns = 2 * dev.n_sts
    f32 = lambda *x: model(*x)
    cos32 = np.concatenate(
        [dev.cosines(embed_app(f32, dev.enc[:ns], pooling)), dev.cosines(embed_app(f32, dev.enc[ns:], pooling))]
    )
    cos8 = np.concatenate(
        [dev.cosines(embed_app(emu, dev.enc[:ns], pooling)), dev.cosines(embed_app(emu, dev.enc[ns:], pooling))]
    )
    res["dev_fp32"] = dev.report(cos32)
    res["dev_q8"] = dev.report(cos8)
    res["dev_cos_max_abs_fp32_vs_q8"] = float(np.abs(cos32 - cos8).max())
    meta = {"task": "embeddings", "max_length": 128, "pooling": pooling, "normalize": True}
    if a.no_hybrid:
        thr, acc = best_threshold(dev.split_scores(cos8)[1], dev.mqp_gold)
        res["dev_q8_shipped"] = dict(res["dev_q8"], pair_threshold=thr)
    else:
        hyb, thr, res["dev_q8_shipped"], table = shipped_hybrid(dev, cos8)
        meta["hybrid"] = hyb
        res["hybrid_ratio_table"] = table
    meta["pair_threshold"] = round(float(thr), 5)
    meta["trained_on"] = ck.get("trained_on", [])
    meta["description"] = (
        "Sentence embeddings (mean-pooled, L2-normalised) for similarity, duplicate-question "
        "detection and semantic search"
        + ("" if a.no_hybrid else "; pair score = logistic blend of embedding cosine and character 3/4-gram cosine")
    )
    config = dict(cfg)
    config.update(
        {
            "model_type": "bert",
            "architectures": ["BertModel"],
            "torch_dtype": "float32",
            "position_embedding_type": "absolute",
            "use_cache": False,
            "medtext": meta,
        }
    )
    U.save_json(config, os.path.join(a.out, "config.json"))
    res["params"] = sum(p.numel() for p in model.parameters())
    res["size_fp32_mb"] = round(os.path.getsize(fp32) / 1e6, 2)
    res["size_q8_mb"] = round(os.path.getsize(q8) / 1e6, 2)
    U.save_json(res, os.path.join(a.run, "export_check.json"))
    print(json.dumps({k: v for k, v in res.items() if k != "hybrid_ratio_table"}, indent=1))


if __name__ == "__main__":
    main()
