"""Write models/<name>/README.md from the run's history/export check (numbers measured here).
Usage: python3 model_card.py --name entities --run work/runs/ner"""
import argparse
import json
import os
import torch

HERE = os.path.dirname(os.path.abspath(__file__))

DATA = {
    "entities": """* `ner/bc5cdr` train (BioCreative V CDR; Li et al., Database 2016; IOB conversion by
  Crichton et al. 2017,
  `cambridgeltl/MTL-Bioinformatics-2016`): CC BY 4.0 per the source repository; abstracts under NLM/PubMed terms.
* `ner/ncbi-disease` train (Doğan et al., J Biomed Inform 2014; same repository and terms).
* lexicon features: training mentions + names/synonyms of the Human Disease Ontology (CC0 1.0),
  DrugBank open vocabulary (CC0 1.0 per DrugBank), MeSH 2019 descriptors (NLM MeSH terms; modified:
  filtered, lower-cased, accents stripped).
* base encoder: MLM on `corpus/*.txt.gz` (licences of its parts as in the data README; SumPubMed part:
  "non-commercial academic purpose").""",
    "ade": """* `tc/ade-classification` train (ADE corpus v2; Gurulingappa et al., J Biomed Inform 2012; copy in
  `trunghlt/AdverseDrugReaction`): no licence stated in the source; the corpus README asks to cite the paper.
* base encoder: MLM on `corpus/*.txt.gz` (licences of its parts as in the data README; SumPubMed part:
  "non-commercial academic purpose").""",
    "note-specialty": """* `tc/mtsamples` train (mtsamples.com transcriptions, Kaggle upload by Tara Boyle, via
  `kdpsingh/clinspacy`):
  stated CC0 by the uploader; texts scraped from mtsamples.com.
* base encoder: MLM on `corpus/*.txt.gz` (licences of its parts as in the data README; SumPubMed part:
  "non-commercial academic purpose").""",
}
TITLE = {
    "entities": "Chemical + Disease entity recognition (BIO, lexicon features)",
    "ade": "Adverse drug effect sentence classification (ADE / noADE, softmax)",
    "note-specialty": "Clinical note specialty / note type (40 labels, multi-label sigmoid)",
}
METRIC = {
    "entities": ["BC5CDR test micro-F1 (bar ≥ 0.81)", "NCBI-disease devel F1 (bar ≥ 0.78)"],
    "ade": ["ADE test macro-F1 (bar ≥ 0.85)"],
    "note-specialty": ["mtsamples test micro-F1 (bar > 0.84)"],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--command", default="")
    ap.add_argument("--notes", default="")
    ap.add_argument("--model", default="", help="exported model folder (default: models/<name>)")
    ap.add_argument("--card", default="", help="where to write the card (default: models/<name>/README.md)")
    a = ap.parse_args()
    out = a.model or os.path.join(HERE, "..", "models", a.name)
    hist = json.load(open(os.path.join(a.run, "history.json")))
    chk = json.load(open(os.path.join(a.run, "export_check.json")))
    ck = torch.load(os.path.join(a.run, "best.pt"), map_location="cpu")
    cfg = json.load(open(os.path.join(out, "config.json")))
    minutes = hist["history"][-1]["min"]
    arch = (
        f"BiLSTM tagger (hidden {cfg['lstm_hidden']} per direction) over the BERT embedding block "
        f"({cfg['num_hidden_layers']} transformer layers)"
        if cfg.get("lstm_hidden")
        else f"Small BERT ({cfg['num_hidden_layers']} layers, hidden {cfg['hidden_size']}, "
        f"{cfg['num_attention_heads']} heads, FFN {cfg['intermediate_size']})"
    )
    lines = [
        f"# medtext {a.name}: {TITLE[a.name]}",
        "",
        f"{arch}, 16k uncased WordPiece vocabulary, trained on CPU in this repository (`training/`). "
        "Inputs/outputs and pre-processing: `training/CONTRACT.md`.",
        "",
        "## Training data and terms",
        DATA[a.name],
        "",
        "## How it was trained",
        f"* command: `{a.command or 'see training/build_all.sh'}`",
        f"* fine-tuning time: {minutes:.1f} min, 1 torch thread on a 2-core machine shared with other "
        "jobs, so times are pessimistic; shared stages: vocab ~2 min, "
        "fastText 10 min, MLM 36 min (234 steps, stopped early, see training/README.md)",
        f"* selected epoch (on dev/devel only): {ck['epoch']} of {len(hist['history'])}",
        f"* `config.medtext`: `{json.dumps(cfg['medtext'], ensure_ascii=False)[:600]}`",
        "",
    ]
    if a.notes:
        lines += [a.notes, ""]
    lines += [
        "## Size",
        f"* parameters: {chk['params']:,}",
        f"* onnx/model.onnx (fp32): {chk['size_fp32_mb']} MB; onnx/model_quantized.onnx (q8, our quantizer): "
        f"{chk['size_q8_mb']} MB",
        f"* q8 check (numpy interpreter, 3 sentences): max |fp32 − q8| logit {chk['max_abs_fp32_vs_q8']:.3f} "
        f"(logit scale {chk['logit_scale']:.1f}), argmax agreement {chk['argmax_agree_fp32_vs_q8']:.3f}; "
        f"torch vs fp32 ONNX {chk['max_abs_torch_vs_fp32']:.1e}",
        "",
        "## Dev metrics (torch fp32, measured in training)",
        "",
        "| epoch | dev |",
        "|---|---|",
    ]
    for h in hist["history"]:
        d = h["dev"]
        if isinstance(d, dict):
            d = " ".join(f"{k} P {v[0]:.4f} R {v[1]:.4f} F1 {v[2]:.4f}" for k, v in d.items())
        lines.append(f"| {h['epoch']} | {d} |")
    lines += ["", "## Test metrics (q8, measured with npm run eval)", "", "| metric | value |", "|---|---|"]
    lines += [f"| {m} | TODO |" for m in METRIC[a.name]]
    card = a.card or os.path.join(out, "README.md")
    os.makedirs(os.path.dirname(os.path.abspath(card)), exist_ok=True)
    open(card, "w", encoding="utf-8").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
