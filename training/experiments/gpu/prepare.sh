#!/usr/bin/env bash
# Packs what training/experiments/gpu/deid_candidates.sh needs into .gpu/ (git-ignored through .git/info/exclude),
# the folder the lent GPU machine receives with the working tree (tree + carried paths <= 64 MiB, so
# the corpus travels as a subset of its ids, lzma-compressed). Run from the repository root after
# training/build_all.sh's tokenizer stage (work/vocab.txt) and a deid step-1 + step-2 run (lexicons).
# Then, on the device: bash training/experiments/gpu/deid_candidates.sh, with .gpu carried.
set -euo pipefail
DATA=${DATA:-$(/usr/bin/python3 training/workspace.py)}
PY=/usr/bin/python3
grep -qx "/.gpu/" .git/info/exclude 2>/dev/null || { mkdir -p .git/info; echo "/.gpu/" >> .git/info/exclude; }
mkdir -p .gpu/data/ner/deid-physionet training/work/gpu
(cd training && $PY corpus_ids.py --out work/gpu/corpus.ids.npy \
  && $PY corpus_ids.py --parts clinical,consumer,pubmed_labeled --out work/gpu/corpus_sub.ids.npy)
# the subset + the first ~1.5M ids of sumpubmed (cut at a document end): 17.6M ids, 14.3 MB as .xz
(cd training && $PY - <<'PYEOF'
import lzma, numpy as np
full, sub = np.load("work/gpu/corpus.ids.npy"), np.load("work/gpu/corpus_sub.ids.npy")
n = min(len(full), len(sub)); start = int(np.nonzero(full[:n] != sub[:n])[0][0])
part = full[start:start + len(full) - len(sub)]
k = int(np.nonzero(part[:1_500_000] == 3)[0][-1]) + 1
ids = np.concatenate([sub, part[:k]]).astype(np.int16)
open("../.gpu/corpus.ids.xz", "wb").write(lzma.compress(ids.tobytes(), preset=6))
print(len(ids), "ids")
PYEOF
)
for f in train devel; do gzip -9c "$DATA/ner/deid-physionet/$f.tsv" > .gpu/data/ner/deid-physionet/$f.tsv.gz; done
cp training/work/vocab.txt .gpu/
gzip -9c training/work/runs/on_case_tail/lexicon.json > .gpu/lex_tail.json.gz
gzip -9c training/work/runs/on_case_all/lexicon.json > .gpu/lex_all.json.gz
npx tsx bench/deid-pattern-coverage.ts training/work/runs/on_case_tail/validation.tsv \
  training/work/runs/on_case_tail/lexicon.json | gzip -9c > .gpu/patcov.txt.gz
du -sh .gpu
