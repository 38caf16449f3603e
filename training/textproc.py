"""Text processing shared by every training script; mirrors CONTRACT.md exactly.

words()     BERT BasicTokenizer word splitting with offsets into the original string
wordpiece() greedy longest-match-first WordPiece ("##" continuation)
Lexicon     longest-match dictionary features -> token_type_ids
encode()    [CLS] sub-words [SEP] with word index per sub-word and lexicon feature per sub-word
"""
import json
import unicodedata

PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def is_whitespace(ch):
    # checked after is_control, so Cc characters that isspace() accepts are dropped instead
    return ch.isspace() or unicodedata.category(ch) == "Zs"


def is_control(ch):
    # \t \n \r are whitespace, not control; U+0000 and U+FFFD are dropped like controls
    if ch in "\t\n\r":
        return False
    return ch in "\x00\ufffd" or unicodedata.category(ch).startswith("C")


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(ch):
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def normalize(word):
    """lower-case, NFD, drop combining marks (Mn)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


def words(text):
    """-> list of (normalised word, start, end) with offsets into `text` (end exclusive).
    Control characters are dropped but do not split a word; words that normalise to "" vanish."""
    out, cur, start, end = [], [], -1, -1

    def flush():
        if cur:
            w = normalize("".join(cur))
            if w:
                out.append((w, start, end))
        cur.clear()

    for i, ch in enumerate(text):
        if is_control(ch):
            continue
        if is_whitespace(ch):
            flush()
        elif is_punct(ch) or is_cjk(ch):
            flush()
            w = normalize(ch)
            if w:
                out.append((w, i, i + 1))
        else:
            if not cur:
                start = i
            cur.append(ch)
            end = i + 1
    flush()
    return out


class WordPiece:
    def __init__(self, vocab):
        self.vocab = vocab if isinstance(vocab, dict) else {t: i for i, t in enumerate(vocab)}
        self.itos = {i: t for t, i in self.vocab.items()}
        self.cache = {}

    @classmethod
    def load(cls, path):
        with open(path, encoding="utf-8") as f:
            return cls([line.rstrip("\n") for line in f])

    def __len__(self):
        return len(self.vocab)

    def wordpiece(self, word):
        """ids for one normalised word; [UNK] if > 100 chars or not coverable."""
        hit = self.cache.get(word)
        if hit is not None:
            return hit
        if len(word) > 100:
            return [UNK]
        ids, i = [], 0
        while i < len(word):
            j = len(word)
            while j > i:
                piece = word[i:j] if i == 0 else "##" + word[i:j]
                if piece in self.vocab:
                    ids.append(self.vocab[piece])
                    break
                j -= 1
            if j == i:
                ids = [UNK]
                break
            i = j
        if len(self.cache) < 500000:
            self.cache[word] = ids
        return ids


class Lexicon:
    """Longest-match dictionary over normalised words (CONTRACT 'Lexicon features')."""

    def __init__(self, types, terms, max_words=10):
        self.types, self.max_words = list(types), max_words
        self.table = {}  # tuple(words) -> type index; first type in `types` wins
        for t, name in enumerate(self.types):
            for term in terms.get(name, []):
                key = tuple(term.split(" "))
                if 0 < len(key) <= max_words and key not in self.table:
                    self.table[key] = t
        self.lengths = sorted({len(k) for k in self.table}, reverse=True)

    @classmethod
    def load(cls, path):
        import gzip

        with (gzip.open if path.endswith(".gz") else open)(path, "rt", encoding="utf-8") as f:
            d = json.load(f)
        return cls(d["types"], d["terms"], d.get("max_words", 10))

    def to_json(self, path):
        terms = {n: [] for n in self.types}
        for k, t in self.table.items():
            terms[self.types[t]].append(" ".join(k))
        for n in terms:
            terms[n].sort()
        text = json.dumps(
            {"types": self.types, "max_words": self.max_words, "terms": terms},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        with open(path, "wb") as f:
            if path.endswith(".gz"):  # the app reads gzip by its magic bytes (about a fifth of the size)
                import gzip

                with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as z:  # mtime 0: same bytes every build
                    z.write(text)
            else:
                f.write(text)

    def features(self, ws):
        """ws: list of normalised words -> per-word feature (0 none, 1+2t first, 2+2t inside)."""
        feats, i, n = [0] * len(ws), 0, len(ws)
        while i < n:
            for L in self.lengths:
                if i + L <= n:
                    t = self.table.get(tuple(ws[i : i + L]))
                    if t is not None:
                        feats[i] = 1 + 2 * t
                        for k in range(i + 1, i + L):
                            feats[k] = 2 + 2 * t
                        i += L
                        break
            else:
                i += 1
        return feats


def term_key(text):
    """normalised words of a lexicon term joined by one space (how lexicon.json stores terms)."""
    return " ".join(w for w, _, _ in words(text))


def word_shapes(raw_words):
    """Letter case as a feature (CONTRACT 'Word-shape feature', = workers/text/word-shape.ts): in
    mixed-case text (more lower- than upper-case letters) 1 for a capitalised word ("Halvorsen"),
    2 for an all-capitals one ("RIZZO"); 0 otherwise, and everywhere in all-capitals text."""
    lower = sum(c.islower() for w in raw_words for c in w)
    upper = sum(c.isupper() for w in raw_words for c in w)
    if lower <= upper:
        return [0] * len(raw_words)
    out = []
    for w in raw_words:
        lo, up = sum(c.islower() for c in w), sum(c.isupper() for c in w)
        out.append(1 if up == 1 and w[:1].isupper() and lo >= 1 else 2 if up >= 2 and lo == 0 else 0)
    return out


def with_shapes(lex_feats, shapes, n_lex):
    """token type id = lexicon feature + n_lex * shape (n_lex = 1 + 2 * number of lexicon types)."""
    return [(lex_feats[k] if lex_feats else 0) + n_lex * s for k, s in enumerate(shapes)]


def lexicon_ids(lexicon):
    """How many token type ids a lexicon's features take: 0, and 1 + 2t / 2 + 2t for each type t."""
    return 1 + 2 * len(lexicon.types) if lexicon else 1


def type_features(lexicon, ws, raw=None):
    """Per-word token type ids: lexicon features of the normalised words ws (None without a lexicon),
    with word shapes folded in when the words as written (raw) are given (CONTRACT)."""
    feats = lexicon.features(ws) if lexicon else None
    if raw is None:
        return feats
    return with_shapes(feats, word_shapes(raw), lexicon_ids(lexicon))


def encode_words(wp, ws, feats=None, max_length=128):
    """ws: normalised words. -> (ids, type_ids, word_index per sub-word (-1 for specials),
    first-subword positions). Truncates at max_length; words cut off are simply absent."""
    ids, tt, widx = [CLS], [0], [-1]
    for k, w in enumerate(ws):
        p = wp.wordpiece(w)
        if len(ids) + len(p) > max_length - 1:
            break
        f = feats[k] if feats else 0
        ids += p
        tt += [f] * len(p)
        widx += [k] * len(p)
    ids.append(SEP)
    tt.append(0)
    widx.append(-1)
    return ids, tt, widx


def encode(wp, text, lexicon=None, max_length=128):
    ws = [w for w, _, _ in words(text)]
    feats = lexicon.features(ws) if lexicon else None
    return encode_words(wp, ws, feats, max_length)
