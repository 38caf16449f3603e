"""Fine-tune the PHI tagger for de-identification (ner/deid-physionet, BIO per word).

Recall matters most, so the O class is down-weighted in the loss and the model is selected on
devel token-level PHI recall at precision >= 0.70 (the issue's bars), not on entity F1.
With --swap p, each name/location mention of a training sentence is replaced with probability p
(fresh every epoch) by another training mention of its kind or an app surrogate name.
With --gazetteer, words found in the census name lists and the place list (gazetteer.py) carry
lexicon features (token_type_ids) and the run writes lexicon.json for the export; --swap_census adds
gazetteer names and places to the swap pools; --case_feature adds word shapes to the token type ids. With
--holdout_fold, a fifth of train joins devel as validation (selection and,
through the validation.tsv it writes, deid_calibrate.py): devel alone has 193 PHI tokens, too few
to tell recipes or epochs apart (one name mention moves its recall by 0.01).
Usage: python3 finetune_deid.py --epochs 4 --out work/runs/deid
       python3 export_onnx.py --run work/runs/deid --out ../models/deid --task deid
"""
import argparse
import os
import re
import time
import numpy as np
import torch
import torch.nn.functional as F
import trainutil as U
import gazetteer as GZ
import lexicon as LX
import textproc as tp
from model import DEFAULT, TokenClassifier, load_base


def read(split, keep_case=False):
    return LX.read_conll(f"{LX.DATA}/ner/deid-physionet/{split}.tsv", keep_case=keep_case)


def restyle(new, old):
    """A swapped-in mention takes the letter case of the one it replaces (capitalised, all
    capitals or lower case, judged on its first word), as a surrogate would be written there."""
    w = old[0]
    if w[:1].isupper() and not w[1:].isupper():
        return [x[:1].upper() + x[1:].lower() for x in new]
    return [x.upper() for x in new] if w.isupper() else [x.lower() for x in new]


def held_out(i, n, fold, tail=0.0):
    """train sentence i (of n) is held out for validation: with `tail`, the last fraction of train
    (contiguous, so its patients are mostly not in training: the split is by patient and the file is
    in note order); else the fifth `fold` (blocks of 200 sentences: whole notes, but a patient's notes
    fall in several fifths, so names and places of validation patients are seen in training)."""
    return i >= n * (1 - tail) if tail > 0 else LX.fold_of(i, 5, 200) == fold


def write_validation(path, fold, tail=0.0):
    """devel + the held-out part of train as one CoNLL file, source tokens unchanged."""
    sents = LX.read_conll(f"{LX.DATA}/ner/deid-physionet/devel.tsv", split_words=False)
    train = LX.read_conll(f"{LX.DATA}/ner/deid-physionet/train.tsv", split_words=False)
    sents += [s for i, s in enumerate(train) if held_out(i, len(train), fold, tail)]
    with open(path, "w", encoding="utf-8") as f:
        f.writelines("".join(f"{w}\t{t}\n" for w, t in zip(ws, ts)) + "\n" for ws, ts in sents)


def labels_of(sents):
    types = sorted({t[2:] for _, tags in sents for t in tags if t != "O"})
    return ["O"] + [p + t for t in types for p in ("B-", "I-")]


NAME_TYPES = {"HCPName", "PTName", "RelativeProxyName"}


def surrogate_pools(sents):
    """Mentions (word tuples) to swap in: names of all three name types form one pool (plus the app's
    surrogate first/last names from workers/tasks/deid/redact.ts), locations another. Train split only."""
    pools = {"name": set(), "Location": set()}
    for ws, ts in sents:
        for s, e, t in LX.spans(ts):
            if t in NAME_TYPES:
                pools["name"].add(tuple(ws[s:e]))
            elif t == "Location":
                pools["Location"].add(tuple(ws[s:e]))
    src = open(os.path.join(U.HERE, "../workers/tasks/deid/redact.ts"), encoding="utf-8").read()
    for block in re.findall(r"const (?:FIRST|LAST)_NAMES = \[(.*?)\];", src, re.S):
        for n in re.findall(r"'([^']+)'", block):
            pools["name"].add(tuple(w for w, _, _ in tp.words(n)))
    return {k: sorted(v) for k, v in pools.items()}


def census_pool(lexicon, n, rng):
    """n gazetteer names for swapping (a first name, a surname, or both, a third each) and, when the
    gazetteer lists places, n places: {"name": [...], "Location": [...]}."""
    by_type = {t: sorted(k for k, i in lexicon.table.items() if lexicon.types[i] == t) for t in lexicon.types}
    first, last = by_type["FirstName"], by_type["Surname"]
    names = []
    for k in range(n):
        first_name, last_name = first[rng.integers(len(first))][0], last[rng.integers(len(last))][0]
        names.append((first_name,) if k % 3 == 0 else (last_name,) if k % 3 == 1 else (first_name, last_name))
    places = by_type.get("Place", [])
    return {"name": names, "Location": [places[i] for i in rng.integers(len(places), size=n)] if places else []}


def pack(sents, p, rng, max_words=90):
    """With probability p a training item runs on over the following sentences (file order: the same
    note) while it stays within max_words (about the 128 sub-words of a window): the app tags whole
    notes in windows packed with sentences, not one sentence at a time."""
    out, i = [], 0
    while i < len(sents):
        ws, ts = list(sents[i][0]), list(sents[i][1])
        i += 1
        if rng.random() < p:
            while i < len(sents) and len(ws) + len(sents[i][0]) <= max_words:
                ws += sents[i][0]
                ts += sents[i][1]
                i += 1
        out.append((ws, ts))
    return out


def swap_kind(t):
    """Pool of a PHI type for surrogate swapping: one pool for all names, one for locations, else none."""
    return "name" if t in NAME_TYPES else t if t == "Location" else None


def encode(sents, wp, labels, lexicon=None, case_feature=False):
    """With case_feature the words are as written (read(keep_case=True)): normalised here, their
    word shapes (tp.word_shapes) folded into the token type ids."""
    l2i = {l: i for i, l in enumerate(labels)}
    items = []
    for raw, tags in sents:
        ws = [tp.normalize(w) for w in raw] if case_feature else raw
        feats = tp.type_features(lexicon, ws, raw if case_feature else None)
        ids, tt, widx = tp.encode_words(wp, ws, feats, 128)
        lab = [-100] * len(ids)
        for p in U.first_subwords(widx):
            lab[p] = l2i.get(tags[widx[p]], 0)
        items.append((ids, tt, lab, [t != "O" for t in tags], widx))
    return items


def drop_words(ids, widx, p, rng):
    """Word dropout: each word's sub-words become [UNK] with probability p (its lexicon and case
    features stay), so the tagger learns to tag an unfamiliar word from its context and features."""
    n = max(widx) + 1
    if n <= 0 or p <= 0:
        return ids
    gone = rng.random(n) < p
    return [tp.UNK if w >= 0 and gone[w] else i for i, w in zip(ids, widx)]


@torch.no_grad()
def token_prf(model, items, trans, start, labels, bs=64):
    """Token-level PHI recall/precision with BIO-Viterbi decoding, as `npm run eval --task deid`."""
    model.eval()
    tp_, fp, fn = 0, 0, 0
    for b in U.batches(items, bs, shuffle=False, key=lambda d: len(d[0])):
        ids = U.pad([items[i][0] for i in b])
        tt = U.pad([items[i][1] for i in b])
        logp = U.logits(model, ids, tt).log_softmax(-1).numpy()
        for r, i in enumerate(b):
            gold = items[i][3]
            pos = U.first_subwords(items[i][4])
            path = U.viterbi(logp[r, pos], trans, start) if pos else []
            pred = [labels[k] != "O" for k in path] + [False] * (len(gold) - len(path))
            hits = U.token_hits(gold, pred)
            tp_ += hits[0]
            fp += hits[1]
            fn += hits[2]
    model.train()
    rec = tp_ / max(tp_ + fn, 1)
    prec = tp_ / max(tp_ + fp, 1)
    return rec, prec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default=os.path.join(U.HERE, "checkpoints/base.pt"))
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--o_weight", type=float, default=0.3, help="loss weight of the O class")
    ap.add_argument(
        "--swap",
        type=float,
        default=0.0,
        help="surrogate augmentation: probability of swapping each name/location mention per epoch",
    )
    ap.add_argument("--gazetteer", action="store_true", help="census name and place list features (gazetteer.py)")
    ap.add_argument(
        "--swap_census",
        type=int,
        default=0,
        help="with --swap and --gazetteer: add N random gazetteer names (first, last, or both) to the name "
        "pool and N gazetteer places to the location pool",
    )
    ap.add_argument(
        "--case_feature",
        action="store_true",
        help="word shapes (capitalised / all capitals in mixed-case text) in the token type ids",
    )
    ap.add_argument(
        "--pack",
        type=float,
        default=0.0,
        help="probability that a training item packs the following sentences too (as app windows do)",
    )
    ap.add_argument(
        "--more_names",
        action="store_true",
        help="with --gazetteer: the humannames list as a fourth type, OtherName (gazetteer.more_names)",
    )
    ap.add_argument(
        "--word_dropout",
        type=float,
        default=0.0,
        help="probability that a training word is read as [UNK] (features kept)",
    )
    ap.add_argument(
        "--gazetteer_rule",
        choices=("lower", "total"),
        default="lower",
        help="common-word filter of the gazetteer (gazetteer.build)",
    )
    ap.add_argument(
        "--holdout_fold",
        type=int,
        default=-1,
        help="0-4: hold out that fifth of train (blocks of 200 sentences) and validate on it + devel",
    )
    ap.add_argument(
        "--holdout_tail",
        type=float,
        default=0.0,
        help="hold out the last fraction of train (patient-disjoint but for one) and validate on it + devel",
    )
    ap.add_argument(
        "--train_on_devel",
        action="store_true",
        help="train on train + devel (no held-out data: use with --average_from and an O offset "
        "calibrated on a held-out run of the same recipe; the logged dev figures are then seen data)",
    )
    ap.add_argument(
        "--average_from",
        type=int,
        default=0,
        help="also save the average of the weights after epochs K..last to <out>/averaged/best.pt",
    )
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--layers", type=int, default=DEFAULT["num_hidden_layers"], help="BERT layers kept")
    ap.add_argument("--lstm", type=int, default=0, help="BiLSTM hidden size per direction on top (0: none)")
    ap.add_argument("--out", default=os.path.join(U.WORK, "runs/deid"))
    ap.add_argument(
        "--lexicon", default="", help="with --gazetteer: a lexicon.json built before (no node_modules needed)"
    )
    ap.add_argument("--device", default="cpu")
    ap.add_argument(
        "--max_sentences", type=int, default=0, help="smoke tests: only the first N train and devel sentences"
    )
    a = ap.parse_args()
    U.setup(a.threads, a.seed)
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    wp = tp.WordPiece.load(U.VOCAB)
    train_sents, dev_sents = read("train", a.case_feature), read("devel", a.case_feature)
    if a.max_sentences:
        train_sents, dev_sents = train_sents[: a.max_sentences], dev_sents[: a.max_sentences]
    if a.holdout_fold >= 0 or a.holdout_tail > 0:  # a larger validation set than devel's 193 PHI tokens
        n = len(train_sents)
        held = [held_out(i, n, a.holdout_fold, a.holdout_tail) for i in range(n)]
        dev_sents = dev_sents + [s for s, h in zip(train_sents, held) if h]
        train_sents = [s for s, h in zip(train_sents, held) if not h]
        # for deid_calibrate.py
        write_validation(os.path.join(a.out, "validation.tsv"), a.holdout_fold, a.holdout_tail)
    if a.train_on_devel:
        train_sents = train_sents + dev_sents
    labels = labels_of(train_sents)
    trained_on = "ner/deid-physionet (train" + (
        " + devel)"
        if a.train_on_devel
        else f"; its last {a.holdout_tail:.0%} held out for validation)"
        if a.holdout_tail > 0
        else f"; its fold {a.holdout_fold} of 5 held out for validation)"
        if a.holdout_fold >= 0
        else ")"
    )
    lexicon = None
    if a.gazetteer:
        if a.lexicon:
            lexicon, stats = tp.Lexicon.load(a.lexicon), "from " + a.lexicon
        else:
            lexicon, stats = GZ.build(
                [([tp.normalize(w) for w in ws], ts) for ws, ts in train_sents] if a.case_feature else train_sents,
                rule=a.gazetteer_rule,
                more=a.more_names,
            )
        lexicon.to_json(os.path.join(a.out, "lexicon.json"))
        U.log("gazetteer", stats)
    pools = surrogate_pools(train_sents) if a.swap > 0 else None
    if pools and lexicon and a.swap_census:
        for kind, extra in census_pool(lexicon, a.swap_census, np.random.default_rng(7)).items():
            pools[kind] += extra
    # with swapping, every epoch encodes its own swapped copy of train
    train = None if pools or a.pack else encode(train_sents, wp, labels, lexicon, a.case_feature)
    dev = encode(dev_sents, wp, labels, lexicon, a.case_feature)
    rng = np.random.default_rng(a.seed)
    U.log(f"train {len(train_sents)} dev {len(dev)} labels {labels}")
    n_lex = tp.lexicon_ids(lexicon)
    cfg = dict(
        DEFAULT,
        vocab_size=len(wp),
        type_vocab_size=3 * n_lex if a.case_feature else max(n_lex, 2),
        num_hidden_layers=a.layers,
    )
    if a.lstm:
        cfg["lstm_hidden"] = a.lstm
    model = TokenClassifier(cfg, len(labels))
    load_base(model, a.base)
    device = torch.device(a.device)
    model.to(device)
    trans, start = U.bio_allowed(labels)
    weight = torch.ones(len(labels), device=device)
    weight[0] = a.o_weight
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01)
    items = len(pack(train_sents, a.pack, np.random.default_rng(0))) if a.pack else len(train_sents)
    sched = U.schedule(opt, a.epochs * ((items + a.bs - 1) // a.bs))

    def checkpoint(state, epoch, rec, prec):
        return {
            "state": {k: v.cpu() for k, v in state.items()},
            "config": cfg,
            "labels": labels,
            "epoch": epoch,
            "dev": {"recall": rec, "precision": prec},
            "medtext": {
                "trained_on": [trained_on],
                "max_length": 128,
                "decoding": "viterbi-bio",
                **({"surrogate_swap": a.swap} if a.swap > 0 else {}),
                **({"lexicon_types": lexicon.types} if lexicon else {}),
                **({"case_feature": True} if a.case_feature else {}),
                # trained on single lines/sentences: the app keeps windows within a line
                **({"packed_training": a.pack} if a.pack else {"window": "line"}),
                **({"word_dropout": a.word_dropout} if a.word_dropout else {}),
            },
        }

    best = -1.0
    averaged = None
    for ep in range(a.epochs):
        if pools or a.pack:
            swapped = (
                [
                    LX.replace_mentions(ws, ts, pools, a.swap, rng, swap_kind, restyle if a.case_feature else None)
                    for ws, ts in train_sents
                ]
                if pools
                else train_sents
            )
            train = encode(pack(swapped, a.pack, rng) if a.pack else swapped, wp, labels, lexicon, a.case_feature)
        for b in U.batches(train, a.bs, key=lambda d: len(d[0])):
            ids = U.pad([drop_words(train[i][0], train[i][4], a.word_dropout, rng) for i in b])
            tt = U.pad([train[i][1] for i in b])
            lab = U.pad([train[i][2] for i in b], -100)
            ids, tt, lab = ids.to(device), tt.to(device), lab.to(device)
            logits = model(ids, (ids != 0).long(), tt)
            loss = F.cross_entropy(logits.view(-1, len(labels)), lab.view(-1), weight=weight, ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
        rec, prec = token_prf(model, dev, trans, start, labels)
        score = rec if prec >= 0.70 else rec * prec  # recall first, once precision is acceptable
        U.log(f"epoch {ep + 1} dev PHI-token recall {rec:.4f} precision {prec:.4f}")
        if score > best:
            best = score
            torch.save(checkpoint(model.state_dict(), ep + 1, rec, prec), os.path.join(a.out, "best.pt"))
        if a.average_from and ep + 1 >= a.average_from:  # running mean of the epoch-end weights
            n = ep + 2 - a.average_from
            state = {k: v.detach().clone().float() for k, v in model.state_dict().items()}
            averaged = state if n == 1 else {k: averaged[k] + (state[k] - averaged[k]) / n for k in state}
    if a.average_from:
        model.load_state_dict({k: v.to(model.state_dict()[k].dtype) for k, v in averaged.items()})
        rec, prec = token_prf(model, dev, trans, start, labels)
        U.log(f"average of epochs {a.average_from}-{a.epochs}: dev PHI-token recall {rec:.4f} precision {prec:.4f}")
        os.makedirs(os.path.join(a.out, "averaged"), exist_ok=True)
        torch.save(
            checkpoint(model.state_dict(), f"{a.average_from}-{a.epochs}", rec, prec),
            os.path.join(a.out, "averaged", "best.pt"),
        )
        if lexicon:
            lexicon.to_json(os.path.join(a.out, "averaged", "lexicon.json"))
    U.log(f"done in {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
