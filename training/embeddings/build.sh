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
mkdir -p "$W/logs" "$W/runs"
stage() { echo "== $(date -u +%H:%M:%S) $*"; }
TASKS=mqp:1,hcosent:2,mqpcosent:1,medquad:1

stage "unsupervised baselines (dev)"
$PY sif_baseline.py > "$W/logs/sif_baseline.log" 2>&1
stage "bag-of-embeddings in the SIF-init parametrisation, supervised (dev-selected)"
$PY boe_teacher.py --proj --tasks "$TASKS" --steps 2500 --lr 1e-3 --out "$W/boe_final.pt" > "$W/logs/boe_final.log" 2>&1
stage "export: one Gather of the trained table (4-bit), hybrid + pair threshold fitted on dev"
$PY export_bag.py --boe "$W/boe_final.pt" --out ../../models/embeddings > "$W/logs/export.log" 2>&1
stage done
