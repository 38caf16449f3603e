"""The Python tokenizer (textproc.py) against the committed fixture that tests/unit/tokenization.test.ts
checks workers/text/wordpiece.ts and words.ts with: both sides must produce the same words, offsets,
ids and lexicon features (CONTRACT.md)."""

import json
import os
import tempfile
import unittest

import make_fixtures
import textproc as tp
import tokenizer
from tests.support import MODELS, SHIPPED, TRAINING

FIXTURE = os.path.join(TRAINING, "fixtures", "tokenization.json")
TOKENIZER = os.path.join(MODELS, "entities", "tokenizer.json")


class FixtureAgreement(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(FIXTURE, encoding="utf-8") as f:
            cls.fixture = json.load(f)
        cls.rebuilt = make_fixtures.build(TOKENIZER)

    def test_every_case_is_reproduced(self):
        self.assertEqual(len(self.rebuilt["cases"]), len(self.fixture["cases"]))
        for want, got in zip(self.fixture["cases"], self.rebuilt["cases"]):
            with self.subTest(text=want["text"][:40]):
                self.assertEqual(got, want)

    def test_fixture_covers_the_hard_cases(self):
        texts = [c["text"] for c in self.fixture["cases"]]
        self.assertIn("", texts)  # empty input
        self.assertTrue(any("\u200b" in t for t in texts))  # zero-width characters
        self.assertTrue(any(len(w) > 100 for t in texts for w in t.split()))  # [UNK] for long words
        self.assertTrue(any(1 in c["input_ids"] for c in self.fixture["cases"]))  # some [UNK]


class Words(unittest.TestCase):
    def test_offsets_point_into_the_original_text(self):
        text = "Café-au-lait\u00a0spots: Ménière's disease (5-FU)."
        for norm, start, end in tp.words(text):
            self.assertEqual(tp.normalize(text[start:end]), norm)

    def test_controls_vanish_without_splitting_a_word(self):
        self.assertEqual([w for w, _, _ in tp.words("ab\x07cd e\ufffdf")], ["abcd", "ef"])

    def test_punctuation_and_cjk_are_words_of_their_own(self):
        self.assertEqual([w for w, _, _ in tp.words("x-ray 中文")], ["x", "-", "ray", "中", "文"])


class SharedVocabulary(unittest.TestCase):
    def test_models_share_one_tokenizer_that_tokenizer_py_writes(self):
        with open(TOKENIZER, encoding="utf-8") as f:
            table = json.load(f)["model"]["vocab"]
        vocab = sorted(table, key=table.get)
        self.assertEqual(vocab[:5], tp.SPECIALS)
        with tempfile.TemporaryDirectory() as out:
            tokenizer.write_hf(vocab, out)
            for name in ("tokenizer.json", "tokenizer_config.json"):
                with open(os.path.join(out, name), encoding="utf-8") as f:
                    written = json.load(f)
                for model in SHIPPED:
                    with self.subTest(model=model, file=name):
                        with open(os.path.join(MODELS, model, name), encoding="utf-8") as f:
                            self.assertEqual(json.load(f), written)


if __name__ == "__main__":
    unittest.main()
