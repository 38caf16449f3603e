#!/bin/bash
# The session-9 device stage (training/README.md, "On a GPU"; rule fixed before the run): MLM base
# continued on the GPU, then the deid candidates A/B/C (tail seeds 7 + 21, step 2 seed 7), calibrated;
# the best two step-2 models, the base and the logs packed to $OUT (experiments/gpu/pack.py). Needs .gpu/ (experiments/gpu/prepare.sh).
# DEV=cpu SMOKE="--epochs 3 --max_sentences 300" EXTRA="--max_steps 1": the smoke run used here first.
set -u
export PYTHONUNBUFFERED=1 OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1 TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1
O=${OUT:-/tmp/out}; G=/tmp/glogs; mkdir -p $O $G
T0=$(date +%s)
log(){ echo "== $(( $(date +%s) - T0 ))s $*" | tee -a $G/progress.log; tar czf $O/logs.tgz -C /tmp glogs; }
DEV=${DEV:-cuda}; SMOKE=${SMOKE:-}; PRE_MIN=${PRE_MIN:-3.25}; RUN_S=${RUN_S:-250}; CAL_S=${CAL_S:-60}; EXTRA=${EXTRA:-}
nvidia-smi -L; python3 -c "import torch,numpy;print(torch.__version__,numpy.__version__,torch.cuda.is_available())"
D=/work/shared/data/ner/deid-physionet; mkdir -p $D
[ -f $D/train.tsv ] || for f in train devel; do gunzip -c .gpu/data/ner/deid-physionet/$f.tsv.gz > $D/$f.tsv; done
cd training; mkdir -p work/runs
cp ../.gpu/vocab.txt work/vocab.txt
gunzip -c ../.gpu/lex_tail.json.gz > work/lex_tail.json; gunzip -c ../.gpu/lex_all.json.gz > work/lex_all.json
gunzip -c ../.gpu/patcov.txt.gz > work/patcov.txt
python3 -c "import lzma,numpy as np; a=np.frombuffer(lzma.decompress(open('../.gpu/corpus.ids.xz','rb').read()),dtype=np.int16); np.save('work/corpus.ids.npy',a); print(len(a),'ids')"
log pretrain
python3 pretrain.py --device $DEV --init checkpoints/base.pt --corpus work/corpus.ids.npy --minutes $PRE_MIN \
  --bs 256 --lr 1e-3 --warmup 300 --threads 4 --ckpt_min 100 --out work/pretrain --save work/base_gpu.pt $EXTRA > $G/pretrain.log 2>&1
tail -n 3 $G/pretrain.log; cp work/base_gpu.pt $O/base_gpu.pt
log deid runs
P="--epochs 6 --swap 0.5 --gazetteer --swap_census 2000 --average_from 3 --more_names --threads 1 --device $DEV --base work/base_gpu.pt"
run(){ n=$1; shift; timeout $RUN_S python3 finetune_deid.py $P $SMOKE "$@" --out work/runs/$n > $G/$n.log 2>&1; }
A="--layers 0 --lstm 256 --lr 2e-3"; B="--layers 2 --lstm 256 --lr 5e-4"; C="--layers 4 --lstm 256 --lr 5e-4"
for s in 7 21; do T="--seed $s --holdout_tail 0.2 --lexicon work/lex_tail.json"
  run A_case_t$s $A $T --case_feature & run A_plain_t$s $A $T &
  run B_case_t$s $B $T --case_feature & run C_case_t$s $C $T --case_feature &
done
L="--seed 7 --train_on_devel --lexicon work/lex_all.json"
run A_case_all $A $L --case_feature & run A_plain_all $A $L & run B_case_all $B $L --case_feature & run C_case_all $C $L --case_feature &
wait
log calibrate
V=work/runs/A_case_t7/validation.tsv
cal(){ n=$1; shift; timeout $CAL_S python3 deid_calibrate.py "$@" --step 0.125 --data $V --patterns work/patcov.txt --min_precision 0.70 --precision_quantile 0.05 --device $DEV --out work/runs/$n > $G/$n.log 2>&1; }
for s in 7 21; do
  cal A_t${s}_cal --run work/runs/A_case_t$s/averaged --run work/runs/A_plain_t$s/averaged &
  cal B_t${s}_cal --run work/runs/B_case_t$s/averaged & cal C_t${s}_cal --run work/runs/C_case_t$s/averaged &
done; wait
python3 deid_calibrate.py --run work/runs/A_case_all/averaged --run work/runs/A_plain_all/averaged --offset_from work/runs/A_t7_cal --out work/runs/A_all_cal > $G/A_all_cal.log 2>&1
python3 deid_calibrate.py --run work/runs/B_case_all/averaged --offset_from work/runs/B_t7_cal --out work/runs/B_all_cal > $G/B_all_cal.log 2>&1
python3 deid_calibrate.py --run work/runs/C_case_all/averaged --offset_from work/runs/C_t7_cal --out work/runs/C_all_cal > $G/C_all_cal.log 2>&1
log pack
python3 experiments/gpu/pack.py $O $G
log done
