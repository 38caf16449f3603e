"""Where the pipeline reads and writes, in one place.

DATA   the data root: $MEDTEXT_DATA, else ../shared/data relative to the repository root (the same rule
       as the TypeScript side), read in place and never copied.
WORK   training/work/ (git-ignored): every build output, cache and log.
Cache keys: a derived file (pre-tokenised corpus, id stream, pickled lexicon) is reused only while a
sidecar `<file>.key` holds the key of the inputs it was built from (paths, sizes and modification
times of its input files, plus its parameters), so a changed input or parameter rebuilds it instead of
being read stale.
"""

import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")


def data_root(environ=os.environ):
    """$MEDTEXT_DATA (relative to the current directory if relative), else <repo>/../shared/data."""
    root = environ.get("MEDTEXT_DATA") or os.path.join(REPO, "..", "shared", "data")
    return os.path.normpath(os.path.abspath(root))


DATA = data_root()


def data(*parts):
    """A path under the data root, e.g. data("tc", "ade-classification", "dev.tsv")."""
    return os.path.join(DATA, *parts)


def _file_facts(path):
    st = os.stat(path)
    return [os.path.abspath(path), st.st_size, st.st_mtime_ns]


def input_key(paths, **params):
    """A short hash of the input files (path, size, mtime; a folder counts as all files below it) and
    of the parameters. Missing inputs count as missing, so they too change the key."""
    facts = []
    for p in sorted(set(paths)):
        if os.path.isdir(p):
            for d, _, files in sorted(os.walk(p)):
                facts += [_file_facts(os.path.join(d, f)) for f in sorted(files)]
        elif os.path.exists(p):
            facts.append(_file_facts(p))
        else:
            facts.append([os.path.abspath(p), "missing"])
    blob = json.dumps({"files": facts, "params": params}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def is_fresh(path, key):
    """True when `path` exists and was last built (mark_built) from inputs with this key."""
    try:
        with open(path + ".key", encoding="utf-8") as f:
            return os.path.exists(path) and f.read().strip() == key
    except FileNotFoundError:
        return False


def mark_built(path, key):
    with open(path + ".key", "w", encoding="utf-8") as f:
        f.write(key + "\n")


def sources(*names):
    """Paths of training/ modules whose code shapes a cached result (their edits rebuild it)."""
    return [os.path.join(HERE, n) for n in names]


if __name__ == "__main__":  # for shell scripts: the data root
    print(DATA)
