"""De-identification tagger: shift the O logit by the offset that maximises validation PHI-token
recall (devel, or --data: the validation.tsv finetune_deid.py --holdout_tail/--holdout_fold writes) while
precision (model united with the pattern finder, as the app runs it) stays >= --min_precision — or,
with --precision_quantile q, its bootstrap q-quantile does — and bake it into the classifier bias (the
runtime keeps plain Viterbi). Never test data.

Pattern coverage comes from the app's own finder (workers/tasks/deid/phi.ts), one line of 0/1 per validation
sentence and token, e.g. written by a small tsx script that calls findPhi on the space-joined tokens.
With --offset_from, the offset of an earlier calibration is reused: for a model of the same recipe
trained on train + devel (finetune_deid.py --train_on_devel), which leaves no data to calibrate on.
--run given more than once: an ensemble (runs with one lexicon and label set; with or without word
shapes) whose word logits are the mean of its members' (model.MeanLogits, as exported); the offset is
baked into every member's bias.
Usage: python3 deid_calibrate.py --run work/runs/deid --patterns work/runs/deid_patcov_devel.txt \
           --out work/runs/deid_cal
       python3 deid_calibrate.py --run work/runs/deid_all --offset_from work/runs/deid_cal --out work/runs/deid_all_cal
"""
import argparse
import json
import os
import shutil
import numpy as np
import torch
import trainutil as U
import lexicon as LX
import textproc as tp
import workspace as W
from model import TokenClassifier

D = W.data("ner", "deid-physionet")


@torch.no_grad()
def word_logp(model, wp, sents, max_length, lexicon=None, case_feature=False, bs=64):
    """-> per sentence: (word log-probs [W, L], token index of each word)."""
    items = []
    for toks, _ in sents:
        ws, raw, owner = [], [], []
        for k, t in enumerate(toks):
            for w, a, b in tp.words(t):
                ws.append(w)
                raw.append(t[a:b])
                owner.append(k)
        feats = tp.type_features(lexicon, ws, raw if case_feature else None)
        ids, tt, widx = tp.encode_words(wp, ws, feats, max_length)[:3]
        first = U.first_subwords(widx)
        items.append((ids, tt, first, owner[: len(first)]))
    out = [None] * len(items)
    for b in U.batches(items, bs, shuffle=False, key=lambda d: len(d[0])):
        ids = U.pad([items[i][0] for i in b])
        tt = U.pad([items[i][1] for i in b])
        logits = U.logits(model, ids, tt)
        for r, i in enumerate(b):
            out[i] = (logits[r, items[i][2]].numpy(), items[i][3])
    return out


def rates(c):
    """[sentences, 3] counts -> (recall, precision) over all of them, as Python floats (a numpy scalar
    in the saved checkpoint would tie it to the numpy major version that wrote it)."""
    tp_, fp, fn = (int(x) for x in c.sum(0))
    return tp_ / max(tp_ + fn, 1), tp_ / max(tp_ + fp, 1)


def counts(sents, outs, pats, offset, trans, start):
    """-> [sentences, 3]: PHI-token true positives, false positives, false negatives per sentence."""
    out = np.zeros((len(sents), 3), dtype=np.int64)
    for i, ((toks, tags), (lg, owner), pat) in enumerate(zip(sents, outs, pats)):
        lg = lg.copy()
        lg[:, 0] += offset
        logp = lg - np.logaddexp.reduce(lg, axis=1, keepdims=True)
        path = U.viterbi(logp, trans, start) if len(lg) else []
        pred = [c == "1" for c in pat]
        for k, lab in zip(owner, path):
            if lab != 0:
                pred[k] = True
        out[i] = U.token_hits([g != "O" for g in tags], pred)
    return out


def precision_quantile(c, q, block=200, resamples=1000, seed=0):
    """q-quantile of precision over bootstrap resamples of blocks of `block` consecutive sentences
    (whole notes, so that one note's repeated names count together)."""
    blocks = np.add.reduceat(c, np.arange(0, len(c), block))
    idx = np.random.default_rng(seed).integers(0, len(blocks), (resamples, len(blocks)))
    s = blocks[idx].sum(1)
    return float(np.quantile(s[:, 0] / np.maximum(s[:, 0] + s[:, 1], 1), q))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True, action="append", help="a run folder; more than once: an ensemble")
    ap.add_argument("--patterns", help="pattern coverage of --data (required unless --offset_from)")
    ap.add_argument("--offset_from", help="calibration output of a held-out run of the same recipe: reuse its offset")
    ap.add_argument("--out", required=True)
    ap.add_argument("--min_precision", type=float, default=0.72)
    ap.add_argument(
        "--precision_quantile",
        type=float,
        default=0.0,
        help="e.g. 0.05: --min_precision must hold for that bootstrap quantile of validation "
        "precision (blocks of 200 sentences), not just for the point estimate",
    )
    ap.add_argument("--step", type=float, default=0.25, help="grid step of the offsets tried (1 down to -4)")
    ap.add_argument("--data", default=f"{D}/devel.tsv", help="validation CoNLL file (devel unless told)")
    ap.add_argument("--device", default="cpu", help="where the validation logits are computed")
    a = ap.parse_args()
    U.setup(1)
    cks = [torch.load(os.path.join(r, "best.pt"), map_location="cpu") for r in a.run]
    lex_path = os.path.join(a.run[0], "lexicon.json")
    for r, ck in zip(a.run[1:], cks[1:]):
        assert (
            open(os.path.join(r, "lexicon.json")).read() == open(lex_path).read()
        ), "ensemble members need one lexicon"
        assert ck["labels"] == cks[0]["labels"], "ensemble members need one label set"
    if a.offset_from:
        ref = torch.load(os.path.join(a.offset_from, "best.pt"), map_location="cpu")
        g = ref["medtext"]["o_bias_offset"]
        U.log(
            f"O offset {g:+.2f} of {a.offset_from} (validation recall {ref['dev']['recall']:.4f} "
            f"precision {ref['dev']['precision']:.4f} there)"
        )
        save(
            cks,
            g,
            f"{os.path.basename(a.offset_from)} ({ref['medtext']['o_bias_offset_chosen_on']})",
            {"o_bias_offset": g, "offset_from": ref["dev"]},
            a.out,
            lex_path,
        )
        return
    if not a.patterns:
        raise SystemExit("--patterns is required unless --offset_from is given")
    labels = cks[0]["labels"]
    wp = tp.WordPiece.load(U.VOCAB)
    sents = LX.read_conll(a.data, split_words=False)
    pats = open(a.patterns).read().split("\n")[: len(sents)]
    assert all(len(p) == len(s[0]) for p, s in zip(pats, sents)), "pattern file does not match the data"
    lexicon = tp.Lexicon.load(lex_path) if os.path.exists(lex_path) else None
    outs = None
    for ck in cks:
        model = TokenClassifier(ck["config"], len(labels))
        model.load_state_dict(ck["state"])
        model.eval().to(a.device)
        o = word_logp(model, wp, sents, ck["medtext"]["max_length"], lexicon, ck["medtext"].get("case_feature", False))
        outs = o if outs is None else [(x + y, w) for (x, w), (y, _) in zip(outs, o)]
    outs = [(x / len(cks), w) for x, w in outs]
    trans, start = U.bio_allowed(labels)
    rows = []
    for g in np.arange(1.0, -4.01, -a.step):
        c = counts(sents, outs, pats, g, trans, start)
        r, p = rates(c)
        pq = precision_quantile(c, a.precision_quantile) if a.precision_quantile else p
        rows.append((round(float(g), 2), r, p, pq))
        U.log(f"O offset {g:+.2f}: validation recall {r:.4f} precision {p:.4f} (quantile {pq:.4f})")
    ok = [x[:3] for x in rows if x[3] >= a.min_precision]
    g, r, p = max(ok, key=lambda x: (x[1], x[2], x[0]))
    U.log(
        f"chosen O offset {g:+.2f}: validation recall {r:.4f} precision {p:.4f} "
        f"(offset 0: {dict((x[0], x[1:3]) for x in rows)[0.0]})"
    )
    save(
        cks,
        g,
        os.path.basename(a.data),
        {"recall": r, "precision": p, "o_bias_offset": g, "with_patterns": True},
        a.out,
        lex_path,
    )
    json.dump(rows, open(os.path.join(a.out, "calibration.json"), "w"))


def save(cks, g, chosen_on, dev, out, lex_path):
    """Bake the O offset g into the classifier bias (of every member) and write the checkpoint (+ its
    lexicon) to out; an ensemble is the first member's checkpoint with every member's weights, config
    and word-shape flag in "members" (export_onnx.py builds model.MeanLogits from them)."""
    for ck in cks:
        ck["state"]["classifier.bias"][0] += g
    ck = cks[0]
    if len(cks) > 1:
        ck["members"] = [
            {"state": c["state"], "config": c["config"], "case_feature": c["medtext"].get("case_feature", False)}
            for c in cks
        ]
        ck["medtext"]["ensemble"] = len(cks)
        ck["medtext"]["case_feature"] = any(m["case_feature"] for m in ck["members"])
    ck["medtext"]["o_bias_offset"] = g
    ck["medtext"]["o_bias_offset_chosen_on"] = chosen_on
    ck["dev"] = dev
    os.makedirs(out, exist_ok=True)
    torch.save(ck, os.path.join(out, "best.pt"))
    if os.path.exists(lex_path):
        shutil.copy(lex_path, out)


if __name__ == "__main__":
    main()
