#!/usr/bin/env bash
# Sentence-embeddings model end to end -> OUT (first argument, default ../work/models/embeddings, relative to
# training/; training/build_all.sh --only embeddings runs it with the vocabulary stage and fastText before it,
# and --install copies OUT to models/embeddings). Needs work/vocab.txt, work/tokenizer/ and work/ft256.vec;
# builds work/corpus.ids.npy if missing or stale. One thread throughout (the CPU is shared); times in
# README.md. The model card (models/embeddings/README.md) is written by hand from the logged figures.
set -euo pipefail
cd "$(dirname "$0")"
export OMP_WAIT_POLICY=PASSIVE PYTHONHASHSEED=0
PY=/usr/bin/python3
OUT=$(realpath -m "${1:-../work/models/embeddings}")
W=../work/embeddings
mkdir -p "$W/logs" "$W/runs" "$W/pairs" "$OUT"
stage() { echo "== $(date -u +%H:%M:%S) $*"; }
TASKS=mqp:1,hcosent:2,mqpcosent:1,medquad:1
D="$($PY ../workspace.py)/sts"
ROOT=$(realpath ../..)

stage "corpus id stream (token frequencies for the SIF weights; cached by its inputs)"
$PY ../corpus_ids.py > "$W/logs/corpus_ids.log" 2>&1
stage "unsupervised baselines (dev)"
$PY sif_baseline.py > "$W/logs/sif_baseline.log" 2>&1
stage "bag-of-embeddings in the SIF-init parametrisation, supervised (dev-selected)"
$PY boe_teacher.py --proj --tasks "$TASKS" --steps 2500 --lr 1e-3 --out "$W/boe_final.pt" > "$W/logs/boe_final.log" 2>&1
stage "export: one Gather of the trained table (4-bit), hybrid + pair threshold fitted on dev"
$PY export_bag.py --boe "$W/boe_final.pt" --out "$OUT" > "$W/logs/export.log" 2>&1
stage "WordNet data for the graded scorer (Debian package wordnet-base)"
$PY wordnet_lexicon.py "$OUT" > "$W/logs/wordnet.log" 2>&1
stage "graded scorer: pair features with the built model (app code), boosted trees on STS-B train, chosen on dev"
P=$(realpath "$W/pairs")
(cd "$ROOT" && npx tsx bench/pair-features.ts "$OUT" "$D/stsb/train.tsv=$P/stsb_train.jsonl" \
  "$D/stsb/dev.tsv=$P/stsb_dev.jsonl" "$D/medical-question-pairs/dev.tsv=$P/mqp_dev.jsonl" \
  "$D/medical-question-pairs/train.tsv=$P/mqp_train.jsonl") > "$W/logs/pair_features.log" 2>&1
$PY graded_scorer.py --train "$P/stsb_train.jsonl" --dev "$P/stsb_dev.jsonl" --mqp_dev "$P/mqp_dev.jsonl" \
  --refit_on_dev --model "$OUT" > "$W/logs/graded_scorer.log" 2>&1
stage "duplicate-question classifier: logistic regression over lexical, WordNet and question-intent features; C and threshold by cross-validation over MQP train + dev, fitted on both"
$PY duplicate_classifier.py --train "$P/mqp_train.jsonl" --dev "$P/mqp_dev.jsonl" --refit_on_dev --model "$OUT" \
  > "$W/logs/duplicate_classifier.log" 2>&1
stage done
