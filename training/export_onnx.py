"""Export a fine-tuned run to models/<name>/ (CONTRACT layout): ONNX fp32 + our q8, config.json,
tokenizer files, lexicon.json (entities), and a numpy check that q8 logits ~ fp32 ~ torch.
Usage: python3 export_onnx.py --run work/runs/ner --out ../models/entities --task entities
"""
import argparse
import json
import os
import shutil
import numpy as np
import torch
import trainutil as U
import textproc as tp
import onnx_numpy
from quantize import quantize
from model import MeanLogits, TokenClassifier, SequenceClassifier

CHECK = [
    "Naloxone reverses the antihypertensive effect of clonidine.",
    "Doxorubicin-induced cardiomyopathy in a 63-year-old man with acute lymphoblastic leukemia.",
    "The patient denies chest pain; BP 120/80, started on metformin 500 mg b.i.d.",
]


def export(model, path, seq_output):
    model.eval()
    ids = torch.tensor([[2, 100, 200, 300, 3], [2, 150, 250, 3, 0]])
    args = (ids, (ids != 0).long(), torch.zeros_like(ids))
    axes = {
        "input_ids": {0: "batch", 1: "sequence"},
        "attention_mask": {0: "batch", 1: "sequence"},
        "token_type_ids": {0: "batch", 1: "sequence"},
        "logits": {0: "batch"} if seq_output else {0: "batch", 1: "sequence"},
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(
        model,
        args,
        path,
        opset_version=14,
        do_constant_folding=True,
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_axes=axes,
    )


def check(model, fp32, q8, wp, lexicon, max_length):
    """torch vs fp32 ONNX vs q8 ONNX on a padded batch (numpy interpreter)."""
    enc = [tp.encode(wp, s, lexicon, max_length) for s in CHECK]
    ids = U.pad([e[0] for e in enc])
    tt = U.pad([e[1] for e in enc])
    mask = (ids != 0).long()
    with torch.no_grad():
        ref = model(ids, mask, tt).numpy()
    feeds = {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "token_type_ids": tt.numpy()}
    a = onnx_numpy.run(fp32, feeds)["logits"]
    b = onnx_numpy.run(q8, feeds)["logits"]
    valid = mask.numpy().astype(bool) if ref.ndim == 3 else np.ones(len(ids), bool)
    res = ort_check(os.path.dirname(os.path.dirname(fp32)), feeds, ref, valid)
    res.update(
        {
            "max_abs_torch_vs_fp32": float(np.abs(ref - a)[valid].max()),
            "max_abs_fp32_vs_q8": float(np.abs(a - b)[valid].max()),
            "logit_scale": float(np.abs(a[valid]).max()),
            "argmax_agree_fp32_vs_q8": float((a.argmax(-1) == b.argmax(-1))[valid].mean()),
        }
    )
    return res


def ort_check(model_dir, feeds, ref, valid):
    """if node + the app's onnxruntime-node are installed: real ORT fp32/q8 vs torch."""
    import subprocess
    import tempfile

    if not os.path.exists(os.path.join(U.HERE, "..", "node_modules", "onnxruntime-node")):
        return {"ort": "onnxruntime-node not installed: skipped"}
    inp = os.path.join(tempfile.mkdtemp(), "inputs.json")
    with open(inp, "w") as f:
        json.dump({"batches": [{k: v.tolist() for k, v in feeds.items()}]}, f)
    logits = {}
    for f in ("model.onnx", "model_quantized.onnx"):
        r = subprocess.run(
            [
                "node",
                os.path.join(U.HERE, "ort_run.mjs"),
                os.path.join(os.path.abspath(model_dir), "onnx", f),
                inp,
                "--exact",
            ],
            capture_output=True,
            text=True,
        )
        if r.returncode:
            return {"ort": "failed: " + r.stderr[-500:]}
        with open(inp.replace(".json", ".out.json")) as out:
            logits[f] = np.array(json.load(out)[0]["data"], np.float32).reshape(ref.shape)
    f, q = logits["model.onnx"], logits["model_quantized.onnx"]
    return {
        "ort_max_abs_torch_vs_fp32": float(np.abs(ref - f)[valid].max()),
        "ort_max_abs_fp32_vs_q8": float(np.abs(f - q)[valid].max()),
        "ort_argmax_agree_fp32_vs_q8": float((f.argmax(-1) == q.argmax(-1))[valid].mean()),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--task", required=True, choices=["entities", "classify", "deid"])
    ap.add_argument("--u8u8", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument(
        "--emb-bits", type=int, choices=(4, 8), default=4, help="word-embedding table: 4-bit blocks (default) or int8"
    )
    a = ap.parse_args()
    U.setup(a.threads)
    ck = torch.load(os.path.join(a.run, "best.pt"), map_location="cpu")
    cfg, labels, meta = ck["config"], ck["labels"], ck.get("medtext", {})
    seq = a.task == "classify"
    arch = ck.get("arch", {})

    def build(state, c=cfg):
        m = (
            SequenceClassifier(c, len(labels), arch.get("bow", False), arch.get("bert_tokens", 0))
            if seq
            else TokenClassifier(c, len(labels))
        )
        m.load_state_dict(state)
        return m

    lex_path = os.path.join(a.run, "lexicon.json")  # entities; deid with --gazetteer
    lexicon = tp.Lexicon.load(lex_path) if os.path.exists(lex_path) else None
    if "members" in ck:  # an ensemble (deid_calibrate.py with --run more than once), one graph
        members = ck["members"]
        mods = [None if m["case_feature"] or not meta.get("case_feature") else tp.lexicon_ids(lexicon) for m in members]
        model = MeanLogits([build(m["state"], m["config"]) for m in members], mods)
    else:
        model = build(ck["state"])
    model.eval()
    fp32 = os.path.join(a.out, "onnx/model.onnx")
    q8 = os.path.join(a.out, "onnx/model_quantized.onnx")
    export(model, fp32, seq)
    quantize(fp32, q8, a.u8u8, a.emb_bits)
    tokdir = os.path.join(U.WORK, "tokenizer")
    max_length = meta.get("max_length", 128)
    shutil.copy(os.path.join(tokdir, "tokenizer.json"), a.out)
    tc = json.load(open(os.path.join(tokdir, "tokenizer_config.json")))
    json.dump(tc, open(os.path.join(a.out, "tokenizer_config.json"), "w"), indent=1)
    if lexicon:
        lexicon.to_json(os.path.join(a.out, "lexicon.json.gz"))
        meta["lexicon"] = "lexicon.json.gz"
    wp = tp.WordPiece.load(U.VOCAB)
    config = {k: v for k, v in cfg.items()}
    config.update(
        {
            "model_type": "bert",
            "architectures": ["BertForSequenceClassification" if seq else "BertForTokenClassification"],
            "id2label": {str(i): l for i, l in enumerate(labels)},
            "label2id": {l: i for i, l in enumerate(labels)},
            "torch_dtype": "float32",
            "position_embedding_type": "absolute",
            "use_cache": False,
            "medtext": dict(meta, task=a.task, max_length=max_length),
        }
    )
    old = os.path.join(a.out, "config.json")
    if os.path.exists(old):  # keep medtext keys other tools added (e.g. "concepts" for linking)
        for k, v in json.load(open(old)).get("medtext", {}).items():
            config["medtext"].setdefault(k, v)
    if seq and meta.get("multi_label"):
        config["problem_type"] = "multi_label_classification"
    elif seq:
        config["problem_type"] = "single_label_classification"
    U.save_json(config, os.path.join(a.out, "config.json"))
    res = check(model, fp32, q8, wp, lexicon, max_length)
    res["params"] = sum(p.numel() for p in model.parameters())
    res["size_fp32_mb"] = round(os.path.getsize(fp32) / 1e6, 2)
    res["size_q8_mb"] = round(os.path.getsize(q8) / 1e6, 2)
    U.save_json(res, os.path.join(a.run, "export_check.json"))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
