#!/usr/bin/env bash
# Rebuild the shipped models from the data root into training/work/ (never into committed files):
#   tokenizer -> fixtures -> fastText -> MLM base -> entities, ade, note-specialty, concepts, deid,
#   embeddings; each model is exported (ONNX fp32 + q8, config, tokenizer) to work/models/<name>/,
#   evaluated on dev in onnxruntime-node, and gets a draft card in work/cards/<name>.md.
#
# Usage: training/build_all.sh [--only STAGE[,STAGE...]] [--install]
#   --only    run just these stages. Without the stages `tokenizer` and `pretrain`, a model is built on
#             the committed vocabulary (models/entities/tokenizer.json) and the committed base encoder
#             (checkpoints/base.pt, read only), as the shipped models were: e.g. --only ade.
#   --install copy the built models (work/models/<name>/) into models/<name>/ (cards stay as they are).
# Environment: MEDTEXT_DATA (data root, default ../shared/data beside the repository), THREADS (torch
# threads per job, default 1: the shipped models were trained with 1), PRETRAIN_MIN (MLM budget, 45).
# Data root, work folder and cache keys: workspace.py. Stage times and requirements: README.md.
# Needs /usr/bin/python3 with requirements.txt, the fasttext CLI, and the app's node_modules (`npm ci`:
# onnxruntime-node for the q8 checks, census/place/name lists for deid, tsx for the app-side scripts).
set -euo pipefail
cd "$(dirname "$0")"
ALL="tokenizer fixtures fasttext pretrain entities ade note-specialty concepts deid embeddings"
ONLY="" INSTALL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="${2//,/ }"; shift 2 ;;
    --install) INSTALL=1; shift ;;
    *) echo "usage: $0 [--only STAGE[,STAGE...]] [--install]; stages: $ALL" >&2; exit 2 ;;
  esac
done
for s in $ONLY; do
  [[ " $ALL " == *" $s "* ]] || { echo "unknown stage '$s'; stages: $ALL" >&2; exit 2; }
done
STAGES=${ONLY:-$ALL}
wants() { [[ " $STAGES " == *" $1 "* ]]; }
# the embeddings table starts from fastText vectors, which nothing committed holds
if wants embeddings && ! wants fasttext; then STAGES="fasttext $STAGES"; fi

export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=${THREADS:-1} PYTHONHASHSEED=0
PY=/usr/bin/python3
T=${THREADS:-1}
mkdir -p work/logs work/models work/cards work/runs
stage() { echo "== $(date -u +%H:%M:%S) $*"; }
# A fresh base lives in work/checkpoints/; otherwise the committed one is read (and never written).
BASE_ARG=""
if wants pretrain; then BASE_ARG=" --base work/checkpoints/base.pt"; fi

export_model() {  # run name task: ONNX fp32 + q8, config.json, tokenizer files -> work/models/<name>
  mkdir -p "work/models/$2"
  # export_onnx.py keeps the config keys other tools added (e.g. "concepts"): start from the shipped ones
  if [ -f "../models/$2/config.json" ]; then cp "../models/$2/config.json" "work/models/$2/config.json"; fi
  $PY export_onnx.py --run "work/runs/$1" --out "work/models/$2" --task "$3" > "work/logs/export_$2.log" 2>&1
}
finish() {  # run name task command: export, q8 dev eval with onnxruntime-node, draft model card
  export_model "$1" "$2" "$3"
  $PY eval_q8.py --model "work/models/$2" > "work/logs/evalq8_$2.json" || echo '{}' > "work/logs/evalq8_$2.json"
  $PY model_card.py --name "$2" --run "work/runs/$1" --model "work/models/$2" --command "$4" \
    --card "work/cards/$2.md" --notes "q8 dev (onnxruntime-node, eval_q8.py): \`$(cat "work/logs/evalq8_$2.json")\`"
  echo "q8 dev: $(cat "work/logs/evalq8_$2.json")"
}

if wants tokenizer; then
  stage tokenizer  # learn the vocabulary; pre-tokenised corpus (cached by its inputs) as fastText input
  $PY tokenizer.py --vocab 16000 > work/logs/tokenizer.log 2>&1
else
  stage "vocabulary of the committed models (the one checkpoints/base.pt was trained with)"
  NO_CORPUS="--no_corpus"  # only the lexicon (entities) and fastText (embeddings) read the corpus
  if wants entities || wants fasttext; then NO_CORPUS=""; fi
  $PY tokenizer.py --vocab_from ../models/entities/tokenizer.json $NO_CORPUS > work/logs/tokenizer.log 2>&1
fi
if wants fixtures; then
  stage fixtures
  $PY make_fixtures.py --out work/fixtures/tokenization.json
fi
if wants fasttext; then
  stage fasttext  # skip-gram over WordPiece tokens so every vocab entry gets a vector
  fasttext skipgram -input work/corpus.wp.txt -output work/ft256 -dim 256 -ws 5 -neg 5 -minCount 1 \
    -minn 0 -maxn 0 -epoch 2 -thread "$T" -t 1e-4 -seed 0 > work/logs/fasttext.log 2>&1
fi
if wants pretrain; then
  stage pretrain
  $PY pretrain.py --minutes "${PRETRAIN_MIN:-45}" --threads "$T" --bs 64 --warmup 200 --lr 7e-4 \
    --save work/checkpoints/base.pt > work/logs/pretrain.log 2>&1
fi

if wants entities; then
  stage entities
  CMD="finetune_ner.py --data bc5cdr,ncbi-disease --init base --layers 0 --lstm 256 --epochs 8 --lr 2e-3 --freeze_emb --aug 0.3 --repeat ncbi-disease=2 --threads $T --out work/runs/ner$BASE_ARG"
  $PY $CMD > work/logs/ner.log 2>&1
  finish ner entities entities "python3 $CMD"
fi
if wants ade; then
  stage ade
  CMD="finetune_cls.py --data ade-classification --init base --epochs 3 --max_length 128 --lr 2e-4 --threads $T --out work/runs/ade$BASE_ARG"
  $PY $CMD > work/logs/ade.log 2>&1
  finish ade ade classify "python3 $CMD"
fi
if wants note-specialty; then
  stage note-specialty
  CMD="finetune_cls.py --data mtsamples --multi_label --init base --epochs 30 --max_length 2048 --bert_tokens 32 --bow --bow_lr 2e-2 --lr 1e-4 --seed 7 --threads $T --out work/runs/mts$BASE_ARG"
  $PY $CMD > work/logs/mts.log 2>&1
  finish mts note-specialty classify "python3 $CMD"
fi
if wants concepts; then
  stage concepts  # entity-linking index (MeSH, Disease Ontology, DrugBank) for the entities model
  mkdir -p work/models/entities
  $PY concepts.py work/models/entities/concepts.json.gz
fi
if wants deid; then
  stage deid  # PHI tagger; its card (models/deid/README.md) is written by hand from npm run eval
  # Two taggers, with and without the word-shape (letter-case) feature, exported as one graph that
  # averages their logits (model.MeanLogits). 1. both on 80 % of train, validated on devel + the last
  # fifth of train (patient-disjoint but for one patient); weights = the average of epochs 3-6; O-offset
  # of the pair calibrated together: 5 % bootstrap quantile of validation precision >= 0.70 (grid step
  # 0.125). 2. both on train + devel, with that offset.
  DEID_PLAIN="--layers 0 --lstm 256 --epochs 6 --lr 2e-3 --swap 0.5 --gazetteer --swap_census 2000 --average_from 3 --seed 7 --more_names --threads $T$BASE_ARG"
  DEID="$DEID_PLAIN --case_feature"
  R=work/runs
  $PY finetune_deid.py $DEID --holdout_tail 0.2 --out $R/deid > work/logs/deid.log 2>&1
  $PY finetune_deid.py $DEID_PLAIN --holdout_tail 0.2 --out $R/deid_plain > work/logs/deid_plain.log 2>&1
  (cd .. && npx tsx bench/deid-pattern-coverage.ts training/$R/deid/validation.tsv training/$R/deid/lexicon.json) \
    > $R/deid_patcov_validation.txt
  $PY deid_calibrate.py --run $R/deid/averaged --run $R/deid_plain/averaged --step 0.125 \
    --data $R/deid/validation.tsv --patterns $R/deid_patcov_validation.txt --min_precision 0.70 \
    --precision_quantile 0.05 --out $R/deid_cal > work/logs/deid_cal.log 2>&1
  $PY finetune_deid.py $DEID --train_on_devel --out $R/deid_all > work/logs/deid_all.log 2>&1
  $PY finetune_deid.py $DEID_PLAIN --train_on_devel --out $R/deid_plain_all > work/logs/deid_plain_all.log 2>&1
  $PY deid_calibrate.py --run $R/deid_all/averaged --run $R/deid_plain_all/averaged --offset_from $R/deid_cal \
    --out $R/deid_all_cal > work/logs/deid_all_cal.log 2>&1
  export_model deid_all_cal deid deid
fi
if wants embeddings; then
  stage embeddings
  bash embeddings/build.sh work/models/embeddings
fi

if [ "$INSTALL" = 1 ]; then
  if [ -f work/fixtures/tokenization.json ]; then
    stage "install work/fixtures/tokenization.json -> fixtures/"
    cp work/fixtures/tokenization.json fixtures/tokenization.json
  fi
  for name in entities ade note-specialty deid embeddings; do
    if [ -d "work/models/$name" ]; then
      stage "install work/models/$name -> models/$name"
      cp -r "work/models/$name/." "../models/$name/"
    fi
  done
fi
stage done
