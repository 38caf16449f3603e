"""quantize.py on small random graphs: the rewritten graph runs (numpy interpreter, as export_onnx.py
checks it) and its error stays within what the quantisation step allows."""

import os
import tempfile
import unittest
from unittest import mock

from tests.support import needs


@needs("numpy", "onnx")
class Quantizer(unittest.TestCase):
    def setUp(self):
        import numpy as np

        self.np = np
        self.rng = np.random.default_rng(3)
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def save(self, nodes, inputs, outputs, inits):
        import onnx
        from onnx import helper

        graph = helper.make_graph(nodes, "g", inputs, outputs, initializer=inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
        path = os.path.join(self.tmp.name, "model.onnx")
        onnx.save(model, path)
        return path

    def quantized(self, path, **kw):
        from quantize import quantize

        out = path.replace(".onnx", "_quantized.onnx")
        with mock.patch("builtins.print"):  # its size/error report
            quantize(path, out, **kw)
        return out

    def embedding_graph(self, rows, width):
        from onnx import TensorProto, helper, numpy_helper

        E = self.rng.normal(0, 0.05, (rows, width)).astype(self.np.float32)
        E[7, :32] *= 40  # one block with a large value: per-block/per-row scales must not spread it
        ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "t"])
        out = helper.make_tensor_value_info("h", TensorProto.FLOAT, ["b", "t", width])
        node = helper.make_node("Gather", ["word.weight", "input_ids"], ["h"], axis=0)
        return E, self.save([node], [ids], [out], [numpy_helper.from_array(E, "word.weight")])

    def run_both(self, fp32, q8, feeds):
        import onnx_numpy

        return onnx_numpy.run(fp32, feeds), onnx_numpy.run(q8, feeds)

    def test_int8_embedding_table_within_half_a_step(self):
        E, fp32 = self.embedding_graph(1000, 64)
        ids = self.np.arange(1000, dtype=self.np.int64).reshape(10, 100)
        a, b = self.run_both(fp32, self.quantized(fp32, emb_bits=8), {"input_ids": ids})
        step = self.np.abs(E).max() / 127.0
        self.assertLessEqual(float(self.np.abs(a["h"] - b["h"]).max()), step / 2 + 1e-6)

    def test_4bit_embedding_blocks_within_half_their_step(self):
        E, fp32 = self.embedding_graph(1000, 64)
        q8 = self.quantized(fp32, emb_bits=4)
        ids = self.np.arange(1000, dtype=self.np.int64).reshape(10, 100)
        a, b = self.run_both(fp32, q8, {"input_ids": ids})
        err = self.np.abs(a["h"] - b["h"]).reshape(1000, 2, 32)
        # block scale >= max|block| / 7, rounded up on a 1/16-octave grid
        allowed = self.np.abs(E).reshape(1000, 2, 32).max(-1, keepdims=True) / 7 * 2 ** (1 / 16) / 2
        self.assertTrue(bool((err <= allowed + 1e-6).all()))
        self.assertLess(os.path.getsize(q8), os.path.getsize(fp32) / 6)  # 4 bits + scales vs 32 bits

    def test_small_tables_get_one_int8_scale_per_row(self):
        E, fp32 = self.embedding_graph(300, 64)  # position-sized: < 1000 rows
        ids = self.np.arange(300, dtype=self.np.int64).reshape(3, 100)
        a, b = self.run_both(fp32, self.quantized(fp32, emb_bits=4), {"input_ids": ids})
        step = self.np.abs(E).max(1) / 127.0
        err = self.np.abs(a["h"] - b["h"]).reshape(300, 64).max(1)
        self.assertTrue(bool((err <= step / 2 + 1e-6).all()))

    def test_matmul_becomes_integer_within_the_dynamic_quantisation_bound(self):
        import onnx
        from onnx import TensorProto, helper, numpy_helper

        np = self.np
        W = self.rng.normal(0, 0.1, (64, 16)).astype(np.float32)
        bias = self.rng.normal(0, 0.1, 16).astype(np.float32)
        x_in = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["b", 64])
        y_out = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["b", 16])
        nodes = [helper.make_node("MatMul", ["x", "W"], ["xw"]), helper.make_node("Add", ["xw", "bias"], ["y"])]
        fp32 = self.save(
            nodes, [x_in], [y_out], [numpy_helper.from_array(W, "W"), numpy_helper.from_array(bias, "bias")]
        )
        q8 = self.quantized(fp32)
        ops = [n.op_type for n in onnx.load(q8).graph.node]
        self.assertIn("MatMulInteger", ops)
        self.assertNotIn("MatMul", ops)
        x = self.rng.normal(0, 1, (8, 64)).astype(np.float32)
        a, b = self.run_both(fp32, q8, {"x": x})
        # x is uint8 over [min(x, 0), max(x, 0)], W int8 per column: each product's error is bounded
        sx = (max(x.max(), 0) - min(x.min(), 0)) / 255
        sw = np.abs(W).max(0) / 127
        bound = (sx / 2) * np.abs(W).sum(0) + np.abs(x) @ np.broadcast_to(sw / 2, W.shape) + 64 * sx * sw / 4
        self.assertTrue(bool((np.abs(a["y"] - b["y"]) <= bound + 1e-5).all()))
        self.assertGreater(float(np.abs(a["y"] - b["y"]).max()), 0)  # it really ran quantised


if __name__ == "__main__":
    unittest.main()
