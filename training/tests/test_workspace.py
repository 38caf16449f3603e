"""workspace.py: the data root rule shared with the TypeScript side, and cache keys that change with
their inputs (a stale cache is never read)."""

import os
import tempfile
import time
import unittest

import workspace as W
from tests.support import REPO


class DataRoot(unittest.TestCase):
    def test_default_is_shared_data_beside_the_repository(self):
        self.assertEqual(W.data_root({}), os.path.normpath(os.path.join(REPO, "..", "shared", "data")))

    def test_medtext_data_overrides(self):
        self.assertEqual(W.data_root({"MEDTEXT_DATA": "/srv/data/"}), "/srv/data")
        self.assertEqual(W.data_root({"MEDTEXT_DATA": "rel"}), os.path.join(os.getcwd(), "rel"))


class CacheKeys(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.src = os.path.join(self.tmp.name, "input.txt")
        self.cache = os.path.join(self.tmp.name, "derived.bin")
        with open(self.src, "w") as f:
            f.write("one")
        with open(self.cache, "w") as f:
            f.write("derived")

    def tearDown(self):
        self.tmp.cleanup()

    def test_fresh_only_after_mark_built_with_the_same_key(self):
        key = W.input_key([self.src], k=5)
        self.assertFalse(W.is_fresh(self.cache, key))  # no record of its inputs: rebuild
        W.mark_built(self.cache, key)
        self.assertTrue(W.is_fresh(self.cache, W.input_key([self.src], k=5)))

    def test_changed_input_or_parameter_makes_it_stale(self):
        W.mark_built(self.cache, W.input_key([self.src], k=5))
        self.assertFalse(W.is_fresh(self.cache, W.input_key([self.src], k=6)))
        later = time.time() + 5
        with open(self.src, "w") as f:
            f.write("two!")
        os.utime(self.src, (later, later))
        self.assertFalse(W.is_fresh(self.cache, W.input_key([self.src], k=5)))

    def test_a_folder_counts_every_file_below_it(self):
        key = W.input_key([self.tmp.name])
        with open(os.path.join(self.tmp.name, "new.tsv"), "w") as f:
            f.write("x")
        self.assertNotEqual(W.input_key([self.tmp.name]), key)

    def test_a_missing_input_changes_the_key(self):
        missing = os.path.join(self.tmp.name, "absent")
        self.assertNotEqual(W.input_key([missing]), W.input_key([]))


if __name__ == "__main__":
    unittest.main()
