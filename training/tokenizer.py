"""Learn the uncased WordPiece vocabulary and write the HF tokenizer files.

1. pre-tokenise the corpus + NER/TC train splits per CONTRACT (textproc.words) -> work/corpus.words.txt
2. sentencepiece BPE on those words (identity normalisation: words are already normalised)
3. convert pieces to WordPiece ("▁x" -> "x", "y" -> "##y"), add every character seen (+ "##" form)
4. write work/vocab.txt, tokenizer.json, tokenizer_config.json (loaded unchanged by transformers.js)
5. re-encode the corpus as WordPiece token strings -> work/corpus.wp.txt (fastText input; the MLM
   reads the same tokens as ids, corpus_ids.py)
With --vocab_from, step 2-3 are skipped: the vocabulary of an existing tokenizer.json is kept (the one
the committed checkpoints/base.pt was trained with), so a single model can be rebuilt on that base.
Usage: python3 tokenizer.py [--vocab 16000]
       python3 tokenizer.py --vocab_from ../models/entities/tokenizer.json [--no_corpus]
"""
import argparse
import glob
import gzip
import json
import os
import random
import re
from collections import Counter
from multiprocessing import Pool

import textproc as tp
import workspace as W

DATA, WORK = W.DATA, W.WORK
DIG, CIT = re.compile(r"<dig>"), re.compile(r"\s*<cit>")
_rng = random.Random(0)


def clean(line):
    # sumpubmed masks numbers as <dig> and citations as <cit>: a random number / nothing
    if "<" in line:
        line = CIT.sub("", line)
        line = DIG.sub(
            lambda m: str(_rng.choice([_rng.randint(0, 9), _rng.randint(10, 99), _rng.randint(100, 999)])), line
        )
    return line


def pretok(line):
    line = line.rstrip("\n")
    if not line.strip():
        return ""
    return " ".join(w for w, _, _ in tp.words(clean(line)))


def labelled_texts():
    """train splits of ner/* and tc/*: the vocabulary must cover the fine-tuning data."""
    for f in sorted(glob.glob(f"{DATA}/ner/*/train.tsv")):
        sent = []
        for line in open(f, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield " ".join(sent)
                sent = []
            else:
                sent.append(line.split("\t")[0])
    for f in sorted(glob.glob(f"{DATA}/tc/*/train.tsv")):
        for i, line in enumerate(open(f, encoding="utf-8")):
            if i:
                yield " ".join(line.rstrip("\n").split("\t")[1:])


def corpus_lines():
    for f in sorted(glob.glob(f"{DATA}/corpus/*.txt.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            yield from fh


def wordpiece_vocab(sp_vocab_file, char_counts, size):
    pieces = []
    for line in open(sp_vocab_file, encoding="utf-8"):
        p = line.split("\t")[0]
        if p in ("<unk>", "<s>", "</s>", "▁"):
            continue
        pieces.append(p[1:] if p.startswith("▁") else "##" + p)
    vocab, seen = list(tp.SPECIALS), set(tp.SPECIALS)
    # every character seen (and its ## form) so almost nothing becomes [UNK]
    for ch, _ in char_counts.most_common():
        for p in (ch, "##" + ch):
            if p not in seen:
                seen.add(p)
                vocab.append(p)
    for p in pieces:
        if p not in seen and len(vocab) < size:
            seen.add(p)
            vocab.append(p)
    return vocab


def write_hf(vocab, outdir, max_len=512):
    os.makedirs(outdir, exist_ok=True)
    spec = lambda t: {
        "id": vocab.index(t),
        "content": t,
        "single_word": False,
        "lstrip": False,
        "rstrip": False,
        "normalized": False,
        "special": True,
    }
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [spec(t) for t in tp.SPECIALS],
        "normalizer": {
            "type": "BertNormalizer",
            "clean_text": True,
            "handle_chinese_chars": True,
            "strip_accents": True,
            "lowercase": True,
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
            ],
            "pair": [
                {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 1}},
            ],
            "special_tokens": {t: {"id": t, "ids": [vocab.index(t)], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": "[UNK]",
            "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100,
            "vocab": {t: i for i, t in enumerate(vocab)},
        },
    }
    with open(os.path.join(outdir, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False)
    cfg = {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "strip_accents": None,
        "tokenize_chinese_chars": True,
        "model_max_length": max_len,
        "unk_token": "[UNK]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "cls_token": "[CLS]",
        "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }
    with open(os.path.join(outdir, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=1)


_wp = None


def _init_wp(path):
    global _wp
    _wp = tp.WordPiece.load(path)


def to_pieces(line):
    if not line.strip():
        return ""
    return " ".join(_wp.itos[i] for w in line.split() for i in _wp.wordpiece(w))


def words_file():
    """work/corpus.words.txt: the corpus + labelled train texts as pre-tokenised words, rebuilt when the
    data or the word-splitting code changes (workspace cache key)."""
    path = os.path.join(WORK, "corpus.words.txt")
    inputs = glob.glob(f"{DATA}/corpus/*.txt.gz") + glob.glob(f"{DATA}/ner/*/train.tsv")
    inputs += glob.glob(f"{DATA}/tc/*/train.tsv") + W.sources("textproc.py", "tokenizer.py")
    key = W.input_key(inputs)
    if not W.is_fresh(path, key):
        with Pool(2) as pool, open(path + ".tmp", "w", encoding="utf-8") as out:
            for s in pool.imap(pretok, corpus_lines(), chunksize=2000):
                out.write(s + "\n")
            for s in pool.imap(pretok, labelled_texts(), chunksize=2000):
                out.write(s + "\n\n")
        os.replace(path + ".tmp", path)
        W.mark_built(path, key)
    return path


def learn_vocab(words_txt, size):
    """sentencepiece BPE over the words, converted to WordPiece; -> list of entries (ids = order)."""
    chars = Counter()
    with open(words_txt, encoding="utf-8") as f:
        for line in f:
            chars.update(line.replace(" ", "").rstrip("\n"))
    import sentencepiece as spm

    spm.set_random_generator_seed(0)  # input_sentence_size samples the corpus: pin the sample
    prefix = os.path.join(WORK, "sp")
    spm.SentencePieceTrainer.train(
        input=words_txt,
        model_prefix=prefix,
        model_type="bpe",
        vocab_size=size,
        normalization_rule_name="identity",
        character_coverage=0.9995,
        split_digits=False,
        input_sentence_size=1500000,
        shuffle_input_sentence=True,
        max_sentence_length=20000,
        num_threads=2,
        minloglevel=2,
    )
    vocab = wordpiece_vocab(prefix + ".vocab", chars, size)
    print(f"vocab {len(vocab)} ({len(chars)} characters)")
    return vocab


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=16000)
    ap.add_argument(
        "--vocab_from",
        default="",
        help="a tokenizer.json (e.g. ../models/entities/tokenizer.json): keep its vocabulary, "
        "the one the committed base checkpoint was trained with, instead of learning one",
    )
    ap.add_argument(
        "--no_corpus",
        action="store_true",
        help="with --vocab_from: only the vocabulary and tokenizer files (all the classifiers need)",
    )
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    words_txt = None if args.no_corpus and args.vocab_from else words_file()
    if args.vocab_from:
        table = json.load(open(args.vocab_from, encoding="utf-8"))["model"]["vocab"]
        vocab = sorted(table, key=table.get)
        print(f"vocab {len(vocab)} from {args.vocab_from}")
    else:
        vocab = learn_vocab(words_txt, args.vocab)
    vfile = os.path.join(WORK, "vocab.txt")
    with open(vfile, "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    write_hf(vocab, os.path.join(WORK, "tokenizer"))
    if words_txt is None:
        return
    with Pool(2, initializer=_init_wp, initargs=(vfile,)) as pool, open(
        os.path.join(WORK, "corpus.wp.txt"), "w", encoding="utf-8"
    ) as out:
        for s in pool.imap(to_pieces, open(words_txt, encoding="utf-8"), chunksize=2000):
            out.write(s + "\n")


if __name__ == "__main__":
    main()
