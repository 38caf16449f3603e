"""Our own dynamic q8 quantizer (onnx + numpy; onnxruntime's quantizer is not available here).

* every MatMul whose 2nd input is a constant [K, N] weight becomes
    DynamicQuantizeLinear(x) -> MatMulInteger(x_u8, W_q, x_zp[, W_zp]) -> Cast(float)
    -> Mul(x_scale * w_scale[N])      (the original bias Add that follows stays as it is)
  weights symmetric per output column: int8 in [-127, 127] (default), or with --u8u8 uint8 with
  zero point 128 (avoids the u8*s8 int16 saturation of AVX2 VPMADDUBSW kernels in native ORT);
* the word-embedding Gather reads an int8 table, followed by DequantizeLinear (per-tensor scale):
  the embedding table dominates the file size.
Usage: python3 quantize.py model.onnx model_quantized.onnx [--u8u8]
"""
import argparse, os
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def quantize(src, dst, u8u8=False):
    m = onnx.load(src)
    g = m.graph
    inits = {t.name: t for t in g.initializer}
    consumers = {}
    for n in g.node:
        for x in n.input:
            consumers[x] = consumers.get(x, 0) + 1
    new_nodes, drop, add = [], set(), []
    n_mm = 0
    for n in g.node:
        if n.op_type == "MatMul" and n.input[1] in inits and len(inits[n.input[1]].dims) == 2:
            W = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
            scale = np.maximum(np.abs(W).max(0), 1e-8) / 127.0  # per output column
            q = np.clip(np.round(W / scale), -127, 127)
            base = n.input[1].replace("/", "_").replace(".", "_") + "_q"
            if u8u8:
                add.append(numpy_helper.from_array((q + 128).astype(np.uint8), base))
                add.append(numpy_helper.from_array(np.array(128, np.uint8), base + "_zp"))
            else:
                add.append(numpy_helper.from_array(q.astype(np.int8), base))
            add.append(numpy_helper.from_array(scale.astype(np.float32), base + "_scale"))
            if consumers.get(n.input[1], 0) == 1:
                drop.add(n.input[1])
            x, y, p = n.input[0], n.output[0], f"q{n_mm}_"
            mmi_in = [p + "xq", base, p + "xzp"] + ([base + "_zp"] if u8u8 else [])
            new_nodes += [
                helper.make_node("DynamicQuantizeLinear", [x], [p + "xq", p + "xs", p + "xzp"], name=p + "dql"),
                helper.make_node("MatMulInteger", mmi_in, [p + "i32"], name=p + "mmi"),
                helper.make_node("Cast", [p + "i32"], [p + "f"], to=TensorProto.FLOAT, name=p + "cast"),
                helper.make_node("Mul", [p + "xs", base + "_scale"], [p + "s"], name=p + "scale"),
                helper.make_node("Mul", [p + "f", p + "s"], [y], name=p + "mul"),
            ]
            n_mm += 1
        elif (n.op_type == "Gather" and n.input[0] in inits and len(inits[n.input[0]].dims) == 2
              and inits[n.input[0]].dims[0] >= 1000 and inits[n.input[0]].dims[1] >= 64):
            # the word-embedding table (vocab x hidden); a small bag-of-words table stays fp32
            E = numpy_helper.to_array(inits[n.input[0]]).astype(np.float32)
            s = np.float32(max(np.abs(E).max(), 1e-8) / 127.0)
            base = n.input[0].replace("/", "_").replace(".", "_") + "_q"
            add.append(numpy_helper.from_array(np.clip(np.round(E / s), -127, 127).astype(np.int8), base))
            add.append(numpy_helper.from_array(np.array(s, np.float32), base + "_scale"))
            add.append(numpy_helper.from_array(np.array(0, np.int8), base + "_zp"))
            if consumers.get(n.input[0], 0) == 1:
                drop.add(n.input[0])
            new_nodes += [
                helper.make_node("Gather", [base, n.input[1]], [base + "_g"], name=base + "_gather",
                                 axis=0),
                helper.make_node("DequantizeLinear", [base + "_g", base + "_scale", base + "_zp"],
                                 [n.output[0]], name=base + "_deq"),
            ]
        else:
            new_nodes.append(n)
    del g.node[:]
    g.node.extend(new_nodes)
    keep = [t for t in g.initializer if t.name not in drop]
    del g.initializer[:]
    g.initializer.extend(keep + add)
    # drop stale value_info (shapes/types of rewritten tensors are re-inferred by the runtime)
    del g.value_info[:]
    onnx.checker.check_model(m)
    onnx.save(m, dst)
    return n_mm


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("src"); ap.add_argument("dst")
    ap.add_argument("--u8u8", action="store_true")
    a = ap.parse_args()
    n = quantize(a.src, a.dst, a.u8u8)
    print(f"{n} MatMuls quantized; {os.path.getsize(a.src) / 1e6:.1f} MB -> {os.path.getsize(a.dst) / 1e6:.1f} MB")
