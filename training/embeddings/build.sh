#!/usr/bin/env bash
# Sentence-embeddings model end to end -> models/embeddings/. Needs the shared stages of
# training/build_all.sh (work/vocab.txt, work/ft256.vec, work/corpus.ids.npy, models/entities
# tokenizer files). One thread throughout (the CPU is shared); times in README.md. The model card
# (models/embeddings/README.md) is written by hand from the logged figures.
set -euo pipefail
cd "$(dirname "$0")"
export OMP_WAIT_POLICY=PASSIVE
PY=/usr/bin/python3
W=../work/embeddings
mkdir -p "$W/logs" "$W/runs" "$W/pairs"
stage() { echo "== $(date -u +%H:%M:%S) $*"; }
TASKS=mqp:1,hcosent:2,mqpcosent:1,medquad:1

stage "unsupervised baselines (dev)"
$PY sif_baseline.py > "$W/logs/sif_baseline.log" 2>&1
stage "bag-of-embeddings in the SIF-init parametrisation, supervised (dev-selected)"
$PY boe_teacher.py --proj --tasks "$TASKS" --steps 2500 --lr 1e-3 --out "$W/boe_final.pt" > "$W/logs/boe_final.log" 2>&1
stage "export: one Gather of the trained table (4-bit), hybrid + pair threshold fitted on dev"
$PY export_bag.py --boe "$W/boe_final.pt" --out ../../models/embeddings > "$W/logs/export.log" 2>&1
stage "WordNet data for the graded scorer (Debian package wordnet-base)"
$PY wordnet_lexicon.py ../../models/embeddings > "$W/logs/wordnet.log" 2>&1
stage "graded scorer: pair features with the shipped model (app code), boosted trees on STS-B train, chosen on dev"
D=/work/shared/data/sts
(cd ../.. && npx tsx bench/pair-features.ts models/embeddings "$D/stsb/train.tsv=training/work/embeddings/pairs/stsb_train.jsonl" \
  "$D/stsb/dev.tsv=training/work/embeddings/pairs/stsb_dev.jsonl" \
  "$D/medical-question-pairs/dev.tsv=training/work/embeddings/pairs/mqp_dev.jsonl" \
  "$D/medical-question-pairs/train.tsv=training/work/embeddings/pairs/mqp_train.jsonl") > "$W/logs/pair_features.log" 2>&1
$PY graded_scorer.py --train "$W/pairs/stsb_train.jsonl" --dev "$W/pairs/stsb_dev.jsonl" --mqp_dev "$W/pairs/mqp_dev.jsonl" \
  --refit_on_dev --model ../../models/embeddings > "$W/logs/graded_scorer.log" 2>&1
stage "duplicate-question classifier: logistic regression over lexical, WordNet and question-intent features; C and threshold by cross-validation over MQP train + dev, fitted on both"
$PY duplicate_classifier.py --train "$W/pairs/mqp_train.jsonl" --dev "$W/pairs/mqp_dev.jsonl" --refit_on_dev --model ../../models/embeddings > "$W/logs/duplicate_classifier.log" 2>&1
stage done
