#!/usr/bin/env bash
# Sentence-embeddings model end to end -> models/embeddings/. Needs the shared stages of
# training/build_all.sh (work/vocab.txt, work/ft256.vec, work/corpus.ids.npy, models/entities
# tokenizer files). One thread throughout (the CPU is shared); times in README.md.
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
stage "BERT weights from it (sif_init.py), dev check"
$PY train_embeddings.py --init sif --sif_from "$W/boe_final.pt" --tasks "$TASKS" --max_steps "${FT_STEPS:-0}" \
  --lr 5e-5 --bs 32 --minutes "${FT_MIN:-0.01}" --eval_every 40 --out "$W/runs/final" > "$W/logs/final.log" 2>&1
stage "export ONNX fp32 + q8, hybrid + pair threshold fitted on dev"
$PY export_embeddings.py --run "$W/runs/final" --out ../../models/embeddings > "$W/logs/export.log" 2>&1
$PY model_card.py --run "$W/runs/final" --out ../../models/embeddings
stage done
