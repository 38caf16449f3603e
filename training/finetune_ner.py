"""Fine-tune the entities model (Chemical + Disease, BIO per word) with lexicon features.

bc5cdr has both types; ncbi-disease only Disease, so on ncbi sentences an O word may also be a
Chemical: its loss allows {O, B-Chemical, I-Chemical} (partial-label loss) instead of teaching O.
Selection: devel micro-F1 (Viterbi decoding), mean over the datasets used.
Usage: python3 finetune_ner.py --data bc5cdr,ncbi-disease --init base|fasttext --epochs 12 --out work/runs/ner
"""
import argparse
import os
import pickle
import time
import numpy as np
import torch
import trainutil as U
import lexicon as LX
import textproc as tp
import workspace as W
from model import DEFAULT, TokenClassifier, load_base

LABELS = ["O", "B-Chemical", "I-Chemical", "B-Disease", "I-Disease"]
L2I = {l: i for i, l in enumerate(LABELS)}
ALL_TYPES = {"bc5cdr": {"Chemical", "Disease"}, "ncbi-disease": {"Disease"}}


def encode_sent(wp, ws, tags, feats, annotated, max_length):
    ids, tt, widx = tp.encode_words(wp, ws, feats, max_length)
    lab, allow = [-100] * len(ids), [0] * len(ids)
    for p in U.first_subwords(widx):  # first sub-word of a word carries its label
        tag = tags[widx[p]]
        lab[p] = L2I[tag]
        if tag == "O":  # unannotated types may hide under O
            m = 1 << L2I["O"]
            for t in ("Chemical", "Disease"):
                if t not in annotated:
                    m |= (1 << L2I["B-" + t]) | (1 << L2I["I-" + t])
            allow[p] = m
        else:
            allow[p] = 1 << lab[p]
    return ids, tt, lab, allow, widx


def loss_fn(logits, lab, allow):
    logp = logits.log_softmax(-1)
    bits = torch.tensor([1 << i for i in range(len(LABELS))])
    ok = (allow.unsqueeze(-1) & bits) > 0
    lp = torch.logsumexp(logp.masked_fill(~ok, -1e4), -1)
    m = lab >= 0
    return -(lp[m]).mean()


@torch.no_grad()
def evaluate(model, data, trans, start, bs=64):
    """data: list of (ids, tt, widx, words, tags, types) -> micro-F1 over the types annotated."""
    model.eval()
    pred, gold = set(), set()
    for b in U.batches(data, bs, shuffle=False, key=lambda d: len(d[0])):
        ids = U.pad([data[i][0] for i in b])
        tt = U.pad([data[i][1] for i in b])
        logits = model(ids, (ids != 0).long(), tt).log_softmax(-1).numpy()
        for r, i in enumerate(b):
            _, _, widx, ws, tags, types = data[i]
            path = U.word_path(logits[r], widx, len(ws), trans, start)
            ptags = [LABELS[k] for k in path]
            pred |= {(i,) + s for s in LX.spans(ptags) if s[2] in types}
            gold |= {(i,) + s for s in LX.spans(tags) if s[2] in types}
    model.train()
    return U.prf(pred, gold)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="bc5cdr,ncbi-disease")
    ap.add_argument("--init", default="base")
    ap.add_argument("--base", default=os.path.join(U.HERE, "checkpoints/base.pt"))
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--max_length", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no_lexicon", action="store_true")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--repeat", default="", help="e.g. ncbi-disease=2: oversample a dataset")
    ap.add_argument("--aug", type=float, default=0.0, help="mention replacement probability")
    ap.add_argument("--freeze_emb", action="store_true", help="keep word embeddings fixed")
    ap.add_argument("--time_limit", type=float, default=1e9, help="minutes")
    ap.add_argument("--layers", type=int, default=DEFAULT["num_hidden_layers"], help="BERT layers kept")
    ap.add_argument("--lstm", type=int, default=0, help="BiLSTM hidden size per direction on top (0: none)")
    ap.add_argument("--out", default=os.path.join(U.WORK, "runs/ner"))
    a = ap.parse_args()
    U.setup(a.threads, a.seed)
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    names = a.data.split(",")
    wp = tp.WordPiece.load(U.VOCAB)
    train = {n: LX.read_conll(f"{LX.DATA}/ner/{n}/train.tsv") for n in names}
    dev = {n: LX.read_conll(f"{LX.DATA}/ner/{n}/devel.tsv") for n in names}
    all_train = [s for n in names for s in train[n]]
    cache = os.path.join(U.WORK, f"lex_{'_'.join(names)}.pkl")
    words_txt = os.path.join(U.WORK, "corpus.words.txt")
    key = W.input_key(
        [W.data("ner", n, "train.tsv") for n in names]
        + [words_txt, W.data("lexicons")]
        + W.sources("lexicon.py", "textproc.py")
    )
    if W.is_fresh(cache, key):
        full, folds, stats = pickle.load(open(cache, "rb"))
    else:
        common = LX.common_words(words_txt)
        corpus = open(words_txt, encoding="utf-8")
        ann = [ALL_TYPES[n] for n in names for _ in train[n]]
        full, folds, stats = LX.build(all_train, common, corpus, annotated=ann)
        pickle.dump((full, folds, stats), open(cache, "wb"))
        W.mark_built(cache, key)
    U.log("lexicon terms", stats)
    full.to_json(os.path.join(a.out, "lexicon.json"))

    rep = {kv.split("=")[0]: int(kv.split("=")[1]) for kv in a.repeat.split(",") if kv}
    pools = {t: [list(k) for k, ti in full.table.items() if LX.TYPES[ti] == t] for t in LX.TYPES}
    rng = np.random.default_rng(5)

    def make_items(aug):
        """out-of-fold features; with aug > 0, mentions are replaced (prob aug) by random lexicon
        terms of the same type, so the model also learns to spot unseen names from context."""
        items, k0 = [], 0  # k = index in all_train: the fold the lexicon was built around
        for n in names:
            for k, (ws, tags) in [(k0 + j, s) for j, s in enumerate(train[n])] * rep.get(n, 1):
                if aug > 0:
                    ws, tags = LX.replace_mentions(ws, tags, pools, aug, rng)
                feats = None if a.no_lexicon else folds[LX.fold_of(k)].features(ws)
                items.append(encode_sent(wp, ws, tags, feats, ALL_TYPES[n], a.max_length)[:4])
            k0 += len(train[n])
        return items

    items = make_items(0.0)
    devdata = {n: [] for n in names}
    for n in names:
        for ws, tags in dev[n]:
            feats = None if a.no_lexicon else full.features(ws)
            ids, tt, _, _, widx = encode_sent(wp, ws, tags, feats, ALL_TYPES[n], 512)
            devdata[n].append((ids, tt, widx, ws, tags, ALL_TYPES[n]))
    U.log(f"train {len(items)} sentences, dev", {n: len(v) for n, v in devdata.items()})

    cfg = dict(DEFAULT, vocab_size=len(wp), type_vocab_size=1 + 2 * len(LX.TYPES), num_hidden_layers=a.layers)
    if a.lstm:
        cfg["lstm_hidden"] = a.lstm
    model = TokenClassifier(cfg, len(LABELS))
    if a.init == "fasttext":
        U.log("fastText rows", U.fasttext_init(model.bert))
    else:
        load_base(model, a.base)
    if a.freeze_emb:  # small data: do not let the model memorise surface forms in the embeddings
        model.bert.word.weight.requires_grad_(False)
    trans, start = U.bio_allowed(LABELS)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=a.lr, weight_decay=0.01)
    steps = a.epochs * ((len(items) + a.bs - 1) // a.bs)
    sched = U.schedule(opt, steps)
    best, hist = -1, []
    for ep in range(a.epochs):
        tl, nb = 0.0, 0
        if a.aug > 0 and ep > 0:  # epoch 1 on the original sentences
            items = make_items(a.aug)
        for b in U.batches(items, a.bs, key=lambda d: len(d[0])):
            ids = U.pad([items[i][0] for i in b])
            tt = U.pad([items[i][1] for i in b])
            lab = U.pad([items[i][2] for i in b], -100)
            allow = U.pad([items[i][3] for i in b])
            loss = loss_fn(model(ids, (ids != 0).long(), tt), lab, allow)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tl += loss.item()
            nb += 1
        scores = {n: evaluate(model, devdata[n], trans, start) for n in names}
        f = float(np.mean([s[2] for s in scores.values()]))
        hist.append({"epoch": ep + 1, "loss": tl / nb, "dev": scores, "min": (time.time() - t0) / 60})
        U.log(
            f"epoch {ep + 1} loss {tl / nb:.4f} dev "
            + " ".join(f"{n} P{s[0]:.4f} R{s[1]:.4f} F{s[2]:.4f}" for n, s in scores.items())
        )
        if f > best:
            best = f
            torch.save(
                {
                    "state": model.state_dict(),
                    "config": cfg,
                    "labels": LABELS,
                    "epoch": ep + 1,
                    "dev": scores,
                    "medtext": {
                        "trained_on": [f"ner/{n} (train)" for n in names],
                        "max_length": a.max_length,
                        "decoding": "viterbi-bio",
                        # trained on single sentences: the app gives it one per window
                        "window": "sentence",
                        "lexicon_types": LX.TYPES,
                    },
                },
                os.path.join(a.out, "best.pt"),
            )
        U.save_json({"args": vars(a), "history": hist, "best": best}, os.path.join(a.out, "history.json"))
        if (time.time() - t0) / 60 > a.time_limit:
            U.log("time limit reached")
            break
    U.log(f"done best {best:.4f} in {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
