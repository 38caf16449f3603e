"""Write models/embeddings/README.md from the measured files (sif_baseline.json, the BoE history,
the run's history.json and export_check.json, test results in work/embeddings/test_eval.json if the
harness was run). Usage: /usr/bin/python3 model_card.py --run ../work/embeddings/runs/final --out ../../models/embeddings"""
import argparse, json, os
from common import EWORK

DATA = """* `sts/stsb` train (STS Benchmark; Cer et al., SemEval 2017; copy in `zhangzhenhu/Semantic-Texual-Similarity-Toolkits`):
  scores CC BY-SA 4.0; the sentences carry the terms of their sub-datasets (e.g. MSRpar: Microsoft Research licence;
  headlines: EMM). **Share-alike** applies to the scores.
* `sts/medical-question-pairs` train (Curai Medical Question Pairs, `curai/medical-question-pair-dataset`):
  **no licence stated** in the source.
* `qa/medquad` train (MedQuAD; Ben Abacha & Demner-Fushman, BMC Bioinformatics 2019): CC BY 4.0.
* Token vectors / frequencies: fastText skip-gram and WordPiece counts over `corpus/*.txt.gz` (licences of its parts
  as in `/work/shared/data/README.md`; the SumPubMed part says "non-commercial academic purpose"; MedQuAD/MEDIQA/MQP
  train+dev text is also in the corpus).
* Dev data used for selection / fitting (never test): `sts/stsb` dev, `sts/medical-question-pairs` dev.
* Not used: `sts/mediqa-rqe` (its training negatives share no words while its test pairs all overlap, which teaches
  "overlap = similar"), the MLM base encoder (`training/checkpoints/base.pt`, worse start on dev, see below)."""


def f4(x):
    return f"{x:.4f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--notes", default=os.path.join(EWORK, "card_notes.md"))
    a = ap.parse_args()
    chk = json.load(open(os.path.join(a.run, "export_check.json")))
    hist = json.load(open(os.path.join(a.run, "history.json")))
    cfg = json.load(open(os.path.join(a.out, "config.json")))
    sif = json.load(open(os.path.join(EWORK, "sif_baseline.json")))
    boe_path = hist["args"].get("sif_from") or ""
    boe = json.load(open(boe_path + ".history.json")) if boe_path and os.path.exists(boe_path + ".history.json") else None
    test = json.load(open(os.path.join(EWORK, "test_eval.json"))) if os.path.exists(os.path.join(EWORK, "test_eval.json")) else {}
    sh = chk["dev_q8_shipped"]
    L = ["# medtext embeddings: sentence embeddings for similarity, duplicate questions and semantic search", "",
         "Shared medtext BERT (4 layers, hidden 256, 4 heads, FFN 1024, 16k uncased WordPiece vocabulary, "
         "`training/model.py`); output `last_hidden_state` `[batch, seq, 256]`; the app mean-pools it over the "
         "sequence's own tokens (incl. [CLS]/[SEP]) and L2-normalises (`pooling: mean`, `normalize: true`). "
         "The pair score is `sigmoid(w_embed * cosine + w_lexical * charNgramCosine(a, b, [3, 4]) + bias)` "
         "(`config.medtext.hybrid`, fitted on dev); `pair` decisions: score ≥ `pair_threshold`.", "",
         "**What the network computes.** The weights are *constructed* (`training/embeddings/sif_init.py`), not "
         "learned by back-propagation through the transformer: attention-output and FFN-output weights are 0 "
         "(layers 1-3 are identities), layer 4's FFN only rescales 8 'weight' dimensions that the final "
         "LayerNorm then zeroes, so each token's output is its content vector scaled by its token weight, and mean "
         "pooling gives a weighted bag of sub-word vectors (SIF form). Content vectors and token weights start "
         "from fastText + SIF (a = 1e-3) and are then trained as a bag of embeddings on the supervised data "
         "(`boe_teacher.py --proj`), and transplanted exactly (max |BERT − bag| on dev unit vectors ≈ 2e-7). "
         "Consequence: **word order, negation and context are ignored** (\"A is B\" = \"B is A\"); "
         "everything stays trainable, but fine-tuning the transformer on this CPU did not beat it on dev in the "
         "time available (see table).", "",
         "## Training data and terms", DATA, "",
         "## How it was made",
         "* command: `training/embeddings/build.sh` (details and measured times: `training/embeddings/README.md`)",
         f"* `config.medtext`: `{json.dumps(cfg['medtext'], ensure_ascii=False)}`", ""]
    if os.path.exists(a.notes):
        L += [open(a.notes, encoding="utf-8").read().strip(), ""]
    L += ["## Size",
          f"* parameters: {chk['params']:,}",
          f"* onnx/model.onnx (fp32): {chk['size_fp32_mb']} MB; onnx/model_quantized.onnx (q8, `training/quantize.py`): "
          f"{chk['size_q8_mb']} MB",
          f"* q8 check: max |fp32 − q8| hidden {chk['max_abs_fp32_vs_q8']:.3f} (scale {chk['hidden_scale']:.1f}); "
          f"max |cos fp32 − cos q8| on dev pairs {chk['dev_cos_max_abs_fp32_vs_q8']:.3f}; torch vs fp32 ONNX "
          f"{chk['max_abs_torch_vs_fp32']:.1e}; our torch q8 emulation vs q8 ONNX (numpy interpreter) "
          f"{chk['max_abs_q8_vs_torch_q8_emulation']:.1e}", "",
          "## Dev figures (STS-B dev Spearman; MQP dev AUC and accuracy)", "",
          "Embedding cosine alone, and the shipped hybrid. MQP accuracy uses a threshold chosen on the same dev "
          "set (optimistic); `acc cv` = 5-fold cross-validated threshold.", "",
          "| model | STS-B ρ (cos) | MQP AUC (cos) | STS-B ρ (hybrid) | MQP AUC (hybrid) | MQP acc (hybrid) |",
          "|---|---|---|---|---|---|"]
    lx = sif["lexical_only"]
    L.append(f"| char 3/4-gram cosine alone | – | – | {f4(lx['sts_spearman'])} | {f4(lx['mqp_auc'])} | {f4(lx['mqp_acc'])} |")
    for k, name in [("avg", "plain average of fastText sub-word vectors"), ("sif_1e-3", "SIF (a=1e-3) + PC removal"),
                    ("sif_1e-3_nopc", "SIF (a=1e-3), no PC removal (= the SIF-init BERT)")]:
        e, h = sif[k], sif[k + "+hybrid"]
        L.append(f"| {name} | {f4(e['sts_spearman'])} | {f4(e['mqp_auc'])} | {f4(h['sts_spearman'])} | "
                 f"{f4(h['mqp_auc'])} | {f4(h['mqp_acc'])} |")
    if os.path.exists(os.path.join(EWORK, "ablations.json")):
        for name, e, h in json.load(open(os.path.join(EWORK, "ablations.json"))):
            L.append(f"| {name} | {f4(e['sts_spearman'])} | {f4(e['mqp_auc'])} | {f4(h['sts_spearman'])} | "
                     f"{f4(h['mqp_auc'])} | {f4(h['mqp_acc'])} |")
    fp, q8 = chk["dev_fp32"], chk["dev_q8"]
    L.append(f"| **shipped, fp32** | {f4(fp['sts_spearman'])} | {f4(fp['mqp_auc'])} | | | |")
    L.append(f"| **shipped, q8 (what the app runs)** | {f4(q8['sts_spearman'])} | {f4(q8['mqp_auc'])} | "
             f"{f4(sh['sts_spearman'])} | {f4(sh['mqp_auc'])} | {f4(sh['mqp_acc'])} (acc cv {f4(sh['mqp_acc_cv'])}) |")
    L += ["", "## Test figures (q8, `npm run eval`, run once after all choices were fixed)", "",
          "| metric | value | bar |", "|---|---|---|"]
    if test:
        s, p = test.get("sts", {}), test.get("pair", {})
        L.append(f"| STS-B test Spearman (Pearson) | {s.get('spearman')} ({s.get('pearson')}) | ≥ 0.75 (TF-IDF 0.698, all-MiniLM-L6-v2 0.820) |")
        L.append(f"| Medical Question Pairs test accuracy (F1) | {p.get('accuracy')} ({p.get('f1')}) | ≥ 0.75 (TF-IDF 0.703) |")
    else:
        L += ["| STS-B test Spearman | TODO | ≥ 0.75 |", "| MQP test accuracy | TODO | ≥ 0.75 |"]
    open(os.path.join(a.out, "README.md"), "w", encoding="utf-8").write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
