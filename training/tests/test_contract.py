"""The exporter contract (CONTRACT.md) as the TypeScript side reads it (workers/runtime/config.ts):
the committed models' config.json files, and a tiny model exported by export_onnx.py."""

import json
import os
import re
import sys
import tempfile
import unittest
import warnings
from unittest import mock

from tests.support import MODELS, REPO, SHIPPED, needs

CONFIG_TS = os.path.join(REPO, "workers", "runtime", "config.ts")


def ts_type_literals(path, name, depth=0):
    """The string literals of TypeScript type `name` as seen from the file `path`: its own
    `type name = 'a' | 'b';`, else followed through `import type { name } from` / `export type { name } from`."""
    with open(path, encoding="utf-8") as f:
        src = f.read()
    own = re.search(r"\btype " + name + r" = ([^;]+);", src)
    if own:
        return set(re.findall(r"'([\w-]+)'", own.group(1)))
    via = re.search(r"(?:import|export) type \{[^}]*\b" + name + r"\b[^}]*\} from '([^']+)'", src)
    if via is None or depth > 5:
        return set()
    return ts_type_literals(os.path.normpath(os.path.join(os.path.dirname(path), via.group(1))), name, depth + 1)


def ts_contract():
    """(task names, keys naming a model file) as workers/runtime/config.ts declares them."""
    with open(CONFIG_TS, encoding="utf-8") as f:
        src = f.read()
    task_type = re.search(r"\btask: ([^;]+);", src).group(1).strip()
    literals = set(re.findall(r"'([\w-]+)'", task_type))
    tasks = literals or ts_type_literals(CONFIG_TS, task_type)
    files = re.search(r"MODEL_FILE_KEYS = \[([^\]]+)\]", src).group(1)
    return tasks, re.findall(r"'(\w+)'", files)


class CommittedModels(unittest.TestCase):
    def test_typescript_side_is_found(self):
        tasks, file_keys = ts_contract()
        self.assertLessEqual({"entities", "classify", "embeddings", "deid"}, tasks)  # the shipped kinds
        self.assertIn("lexicon", file_keys)

    def test_every_config_is_what_config_ts_reads(self):
        tasks, file_keys = ts_contract()
        for name in SHIPPED:
            with self.subTest(model=name):
                with open(os.path.join(MODELS, name, "config.json"), encoding="utf-8") as f:
                    cfg = json.load(f)
                check_config(self, cfg, tasks, os.path.join(MODELS, name))
                for key in file_keys:  # every file the config names is there to be served
                    if key in cfg["medtext"]:
                        self.assertTrue(os.path.exists(os.path.join(MODELS, name, cfg["medtext"][key])), key)


def check_config(test, cfg, tasks, folder):
    med = cfg["medtext"]
    test.assertIn(med["task"], tasks)
    test.assertIsInstance(med.get("max_length", 128), int)
    if med["task"] == "embeddings":
        return
    labels = cfg["id2label"]
    test.assertEqual(sorted(labels, key=int), [str(i) for i in range(len(labels))])  # ids 0..n-1
    test.assertEqual({v: int(k) for k, v in labels.items()}, cfg["label2id"])
    if med.get("multi_label"):
        test.assertEqual(set(med["thresholds"]), set(labels.values()))
    if med["task"] in ("entities", "deid"):
        test.assertEqual(labels["0"], "O")
        test.assertTrue(all(v == "O" or v[:2] in ("B-", "I-") for v in labels.values()))
    if "lexicon" in med:  # token type ids: 0, or 1 + 2t / 2 + 2t for lexicon type t (x 3 with word shapes)
        n_lex = 1 + 2 * len(json_gz(os.path.join(folder, med["lexicon"]))["types"])
        test.assertEqual(cfg["type_vocab_size"], n_lex * (3 if med.get("case_feature") else 1))


def json_gz(path):
    import gzip

    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@needs("numpy", "onnx", "torch")
class Export(unittest.TestCase):
    """export_onnx.py on a tiny random classifier: the folder has what the loader reads."""

    def test_tiny_classifier_export(self):
        import onnx
        import torch

        import export_onnx
        import tokenizer
        import trainutil as U
        from model import DEFAULT, SequenceClassifier

        with open(os.path.join(MODELS, "ade", "tokenizer.json"), encoding="utf-8") as f:
            table = json.load(f)["model"]["vocab"]
        vocab = sorted(table, key=table.get)
        cfg = dict(DEFAULT, vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2)
        cfg["intermediate_size"] = 64
        labels = ["ADE", "noADE"]
        torch.manual_seed(0)
        model = SequenceClassifier(cfg, len(labels))
        with tempfile.TemporaryDirectory() as tmp:
            work, run, out = (os.path.join(tmp, d) for d in ("work", "run", "out"))
            os.makedirs(run)
            tokenizer.write_hf(vocab, os.path.join(work, "tokenizer"))
            with open(os.path.join(work, "vocab.txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(vocab) + "\n")
            meta = {"trained_on": ["a test"], "max_length": 64, "multi_label": False}
            torch.save(
                {"state": model.state_dict(), "config": cfg, "labels": labels, "medtext": meta},
                os.path.join(run, "best.pt"),
            )
            argv = ["export_onnx.py", "--run", run, "--out", out, "--task", "classify"]
            with mock.patch.object(U, "WORK", work), mock.patch.object(U, "VOCAB", os.path.join(work, "vocab.txt")):
                with mock.patch.object(sys, "argv", argv), mock.patch("builtins.print"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # torch.onnx's shape-inference notes
                    export_onnx.main()
            with open(os.path.join(out, "config.json"), encoding="utf-8") as f:
                config = json.load(f)
            check_config(self, config, ts_contract()[0], out)
            self.assertEqual(config["medtext"]["task"], "classify")
            self.assertEqual(config["medtext"]["max_length"], 64)
            self.assertEqual(config["problem_type"], "single_label_classification")
            for name in ("tokenizer.json", "tokenizer_config.json", "onnx/model.onnx", "onnx/model_quantized.onnx"):
                self.assertTrue(os.path.exists(os.path.join(out, name)), name)
            graph = onnx.load(os.path.join(out, "onnx", "model_quantized.onnx")).graph
            self.assertEqual([i.name for i in graph.input], ["input_ids", "attention_mask", "token_type_ids"])
            self.assertEqual([o.name for o in graph.output], ["logits"])
            with open(os.path.join(run, "export_check.json"), encoding="utf-8") as f:
                check = json.load(f)
            self.assertLess(check["max_abs_torch_vs_fp32"], 1e-4)
            self.assertEqual(check["argmax_agree_fp32_vs_q8"], 1.0)


if __name__ == "__main__":
    unittest.main()
