"""Export the trained bag of embeddings (boe_teacher.py --proj) as a Gather-only ONNX graph.

The shipped BERT realisation (sif_init.py) computes exactly sum_t w_t c_t / n after mean pooling, but
carries four transformer layers that only pass the table through (~4 MB of q8 weights). Here
last_hidden_state[t] = w_t * (c_t - mean(c_t)) is one table lookup: mean pooling + L2 in the app give
the same direction. The table is stored as 4-bit codes (quantize.py --emb-bits 4); dev cosines, the
hybrid weights and the pair threshold are computed with exactly the dequantised table that ships.
Inputs stay those of every medtext model (input_ids, attention_mask, token_type_ids), so the app,
the eval harness and transformers.js feature-extraction run it unchanged.
Usage: /usr/bin/python3 training/embeddings/export_bag.py --boe training/work/embeddings/boe_final.pt \
         --out models/embeddings [--bits 4]
"""
import argparse
import json
import os
import shutil
import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from common import U, tp, DevSet, TRAINING, shipped_hybrid
import onnx_numpy
from quantize import quantize

TRAINED_ON = [
    "qa/medquad (train, question-answer pairs)",
    "sts/medical-question-pairs (train)",
    "sts/stsb (train, all scores)",
    "token table: fastText skip-gram vectors + corpus token frequencies (corpus/*.txt.gz), content vectors and "
    "token weights trained as a bag of embeddings (boe_teacher.py --proj)",
]
SPECIAL = (0, 2, 3)  # [PAD], [CLS], [SEP]: the bag model never sees them (count only, zero vector)


def bag_table(boe_path, width=256):
    st = torch.load(boe_path, map_location="cpu")["state"]
    C = st["E.weight"].double().numpy()
    C = C - C.mean(1, keepdims=True)  # the BoE's center=True
    T = np.zeros((C.shape[0], width), np.float32)
    T[:, : C.shape[1]] = C * st["logw"].double().exp().numpy()[:, None]
    T[list(SPECIAL)] = 0
    return T


def write_graph(T, path):
    ax = ["batch", "sequence"]
    inputs = [
        helper.make_tensor_value_info(n, TensorProto.INT64, ax)
        for n in ("input_ids", "attention_mask", "token_type_ids")
    ]
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ax + [T.shape[1]])
    g = helper.make_graph(
        [helper.make_node("Gather", ["bag.weight", "input_ids"], ["last_hidden_state"], axis=0)],
        "medtext-bag-embeddings",
        inputs,
        [out],
        [numpy_helper.from_array(T, "bag.weight")],
    )
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)], producer_name="medtext")
    m.ir_version = 8
    onnx.checker.check_model(m)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    onnx.save(m, path)


def shipped_table(q_path, vocab):
    """The table the quantised graph computes, row by row (numpy ONNX interpreter)."""
    ids = np.arange(vocab, dtype=np.int64)[None, :]
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    return onnx_numpy.run(q_path, feeds)["last_hidden_state"][0]


def embed(T, enc):
    """Mean over the sequence (specials included, as the app pools) then L2, as similarity.ts does."""
    out = np.stack([T[e].mean(0) for e in enc])
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boe", default=os.path.join(U.WORK, "embeddings/boe_final.pt"))
    ap.add_argument("--out", default=os.path.join(TRAINING, "..", "models", "embeddings"))
    ap.add_argument("--bits", type=int, choices=(4, 8), default=4)
    a = ap.parse_args()
    U.setup(1)
    T = bag_table(a.boe)
    fp32 = os.path.join(a.out, "onnx/model.onnx")
    q = os.path.join(a.out, "onnx/model_quantized.onnx")
    write_graph(T, fp32)
    quantize(fp32, q, emb_bits=a.bits)
    Tq = shipped_table(q, T.shape[0])
    wp = tp.WordPiece.load(U.VOCAB)
    dev = DevSet(wp)
    res = {"table_max_abs_q_vs_fp32": float(np.abs(Tq - T).max()), "table_mean_abs": float(np.abs(T).mean())}
    cos32, cosq = dev.cosines(embed(T, dev.enc)), dev.cosines(embed(Tq, dev.enc))
    res["dev_fp32"], res["dev_q"] = dev.report(cos32), dev.report(cosq)
    hyb, thr, res["dev_shipped"], _ = shipped_hybrid(dev, cosq)
    meta = {
        "task": "embeddings",
        "max_length": 128,
        "pooling": "mean",
        "normalize": True,
        "hybrid": hyb,
        "pair_threshold": round(float(thr), 5),
        "trained_on": TRAINED_ON,
        "architecture": f"bag of sub-word embeddings: one {a.bits}-bit table lookup, mean-pooled, L2",
        "description": (
            "Sentence embeddings (mean-pooled, L2-normalised) for similarity, duplicate-question "
            "detection and semantic search; pair score = logistic blend of embedding cosine and "
            "character 3/4-gram cosine"
        ),
    }
    config = {
        "vocab_size": T.shape[0],
        "hidden_size": T.shape[1],
        "num_hidden_layers": 0,
        "pad_token_id": 0,
        "model_type": "bert",
        "architectures": ["BertModel"],
        "torch_dtype": "float32",
        "medtext": meta,
    }
    U.save_json(config, os.path.join(a.out, "config.json"))
    for f in ("tokenizer.json", "tokenizer_config.json"):  # the vocabulary the table was trained on
        shutil.copy(os.path.join(U.WORK, "tokenizer", f), a.out)
    res["size_fp32_mb"] = round(os.path.getsize(fp32) / 1e6, 2)
    res["size_q_mb"] = round(os.path.getsize(q) / 1e6, 2)
    U.save_json(res, os.path.join(U.WORK, "embeddings", "export_bag.json"))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
