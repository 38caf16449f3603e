"""Dev metrics of an exported model as the app runs it: onnxruntime-node on onnx/model_quantized.onnx
(or --fp32), same pre-processing (textproc) and decoding (BIO-Viterbi / thresholds from config.json).
Usage: python3 eval_q8.py --model ../models/entities [--fp32]"""
import argparse
import json
import os
import subprocess
import tempfile
import numpy as np
from sklearn.metrics import f1_score
import trainutil as U
import textproc as tp
import workspace as W
import lexicon as LX
from finetune_cls import read


def run_ort(path, batches):
    inp = os.path.join(tempfile.mkdtemp(), "b.json")
    json.dump({"batches": batches}, open(inp, "w"))
    subprocess.run(["node", os.path.join(U.HERE, "ort_run.mjs"), path, inp], check=True)
    out = json.load(open(inp.replace(".json", ".out.json")))
    return [np.array(o["data"], np.float32).reshape(o["dims"]) for o in out]


def batchify(encs, bs=32):
    order = sorted(range(len(encs)), key=lambda i: len(encs[i][0]))
    groups = [order[i : i + bs] for i in range(0, len(order), bs)]
    batches = []
    for g in groups:
        T = max(len(encs[i][0]) for i in g)
        pad = lambda s: s + [0] * (T - len(s))
        batches.append(
            {
                "input_ids": [pad(encs[i][0]) for i in g],
                "attention_mask": [pad([1] * len(encs[i][0])) for i in g],
                "token_type_ids": [pad(encs[i][1]) for i in g],
            }
        )
    return groups, batches


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--fp32", action="store_true")
    a = ap.parse_args()
    cfg = json.load(open(os.path.join(a.model, "config.json")))
    med = cfg["medtext"]
    labels = [cfg["id2label"][str(i)] for i in range(len(cfg["id2label"]))]
    wp = tp.WordPiece(json.load(open(os.path.join(a.model, "tokenizer.json")))["model"]["vocab"])
    onnx = os.path.join(a.model, "onnx", "model.onnx" if a.fp32 else "model_quantized.onnx")
    res = {}
    if med["task"] == "entities":
        lex = tp.Lexicon.load(os.path.join(a.model, "lexicon.json.gz"))
        trans, start = U.bio_allowed(labels)
        for n, types in (("bc5cdr", {"Chemical", "Disease"}), ("ncbi-disease", {"Disease"})):
            dev = LX.read_conll(f"{LX.DATA}/ner/{n}/devel.tsv")
            encs = [tp.encode_words(wp, ws, lex.features(ws), 512) for ws, _ in dev]
            groups, batches = batchify(encs)
            pred, gold = set(), set()
            for g, lg in zip(groups, run_ort(onnx, batches)):
                for r, i in enumerate(g):
                    ws, tags = dev[i]
                    x = lg[r] - lg[r].max(-1, keepdims=True)
                    lp = x - np.log(np.exp(x).sum(-1, keepdims=True))
                    path = U.word_path(lp, encs[i][2], len(ws), trans, start)
                    pred |= {(i,) + s for s in LX.spans([labels[k] for k in path]) if s[2] in types}
                    gold |= {(i,) + s for s in LX.spans(tags) if s[2] in types}
            res[n + " devel P/R/F1"] = [round(v, 4) for v in U.prf(pred, gold)]
    else:
        name = {"tc/ade-classification (train)": "ade-classification", "tc/mtsamples (train)": "mtsamples"}[
            med["trained_on"][0]
        ]
        rows = read(W.data("tc", name, "dev.tsv"))
        encs = [tp.encode(wp, t, None, med["max_length"])[:2] for _, t in rows]
        groups, batches = batchify(encs)
        P = np.zeros((len(rows), len(labels)), np.float32)
        for g, lg in zip(groups, run_ort(onnx, batches)):
            P[g] = lg
        if med.get("multi_label"):
            Y = np.array([[name in lab.split("|") for name in labels] for lab, _ in rows])
            th = np.array([med["thresholds"][name] for name in labels])
            res["dev micro-F1 (config thresholds)"] = round(f1_score(Y, 1 / (1 + np.exp(-P)) >= th, average="micro"), 4)
        else:
            y = np.array([labels.index(lab) for lab, _ in rows])
            res["dev macro-F1"] = round(f1_score(y, P.argmax(-1), average="macro"), 4)
    res["file"] = os.path.relpath(onnx, a.model)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
