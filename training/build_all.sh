#!/usr/bin/env bash
# Rebuild everything from /work/shared/data: tokenizer -> fastText -> MLM base -> 3 fine-tuned
# models -> ONNX fp32 + q8 in models/. Times in training/README.md (2 CPU cores).
# PRETRAIN_MIN (default 45) sets the MLM wall-clock budget; THREADS (default 2) torch threads.
set -euo pipefail
cd "$(dirname "$0")"
export OMP_WAIT_POLICY=PASSIVE
PY=/usr/bin/python3
T=${THREADS:-2}
mkdir -p work/logs checkpoints
stage() { echo "== $(date -u +%H:%M:%S) $*"; }

stage tokenizer;  $PY tokenizer.py --vocab 16000
stage fixtures;   $PY make_fixtures.py
stage fasttext    # skip-gram over WordPiece tokens so every vocab entry gets a vector
fasttext skipgram -input work/corpus.wp.txt -output work/ft256 -dim 256 -ws 5 -neg 5 -minCount 1 \
  -minn 0 -maxn 0 -epoch 2 -thread "$T" -t 1e-4 > work/logs/fasttext.log 2>&1
stage pretrain;   $PY pretrain.py --minutes "${PRETRAIN_MIN:-45}" --threads "$T" > work/logs/pretrain.log 2>&1

stage entities
$PY finetune_ner.py --data bc5cdr,ncbi-disease --epochs 12 --threads "$T" --out work/runs/ner > work/logs/ner.log 2>&1
$PY export_onnx.py --run work/runs/ner --out ../models/entities --task entities
stage ade
$PY finetune_cls.py --data ade-classification --epochs 4 --max_length 128 --threads "$T" --out work/runs/ade > work/logs/ade.log 2>&1
$PY export_onnx.py --run work/runs/ade --out ../models/ade --task classify
stage note-specialty
$PY finetune_cls.py --data mtsamples --multi_label --epochs 8 --max_length 256 --lr 3e-4 --threads "$T" --out work/runs/mts > work/logs/mts.log 2>&1
$PY export_onnx.py --run work/runs/mts --out ../models/note-specialty --task classify
stage done
