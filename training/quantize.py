"""Our own dynamic q8 quantizer (onnx + numpy; onnxruntime's quantizer is not available here).

* every MatMul whose 2nd input is a constant [K, N] weight (and every Gemm with a constant weight,
  as x @ W + bias) becomes
    DynamicQuantizeLinear(x) -> MatMulInteger(x_u8, W_q, x_zp[, W_zp]) -> Cast(float)
    -> Mul(x_scale * w_scale[N])      (the original bias Add that follows stays as it is)
  weights symmetric per output column: int8 in [-127, 127] (default), or with --u8u8 uint8 with
  zero point 128 (avoids the u8*s8 int16 saturation of AVX2 VPMADDUBSW kernels in native ORT);
* the word-embedding Gather reads an int8 table, followed by DequantizeLinear (per-tensor scale):
  the embedding table dominates the file size; with --emb-bits 4 it is stored as 4-bit codes, two
  per byte, with one scale per block of 32 values of a row (a uint8 code on a log2 grid), unpacked after the Gather with
  plain opset-14 integer ops (Mod/Div), so only the gathered rows are ever expanded;
* LSTM weights (W, R) become int8 with one scale per gate row, dequantised in the graph;
* any other Gather table of >= 256 rows (positions, a bag-of-words branch) becomes int8 with one
  scale per row.
Usage: python3 quantize.py model.onnx model_quantized.onnx [--u8u8] [--emb-bits 4]
"""
import argparse
import os
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


BLOCK = 32


def const(name, value, dtype):
    return numpy_helper.from_array(np.asarray(value, dtype), name)


def qname(name):
    """Name of the quantised copy of initialiser `name`."""
    return name.replace("/", "_").replace(".", "_") + "_q"


def int8_rows(M):
    """Symmetric int8 codes of a 2-D array with one fp32 scale per row: (codes [R, C], scale [R, 1])."""
    scale = (np.maximum(np.abs(M).max(1, keepdims=True), 1e-8) / 127.0).astype(np.float32)
    return np.clip(np.round(M / scale), -127, 127).astype(np.int8), scale


SCALE_STEPS = 16  # scale codes: 2^(code / 16 - 16), a 1/16-octave grid from 2^-16 to ~2^0


def gather_int4(base, E, ids, out):
    """Nodes + initialisers for out = E[ids] from 4-bit block-quantised codes (E: [V, H], H % 32 == 0).
    Block scales are uint8 codes on a log2 grid (no fp16: WebGPU devices without shader-f16, e.g.
    SwiftShader, cannot run an fp16 Gather), rounded up so that no value is clipped."""
    V, H = E.shape
    blocks = E.reshape(V, H // BLOCK, BLOCK)
    need = np.maximum(np.abs(blocks).max(-1), 2.0**-16) / 7.0  # [V, H/32]
    code = np.clip(np.ceil((np.log2(need) + 16) * SCALE_STEPS), 0, 255).astype(np.uint8)
    scale = (2.0 ** (code.astype(np.float64) / SCALE_STEPS - 16)).astype(np.float32)
    codes = (np.clip(np.round(blocks / scale[..., None]), -7, 7) + 8).astype(np.uint8).reshape(V, H)
    packed = codes[:, 0::2] | (codes[:, 1::2] << 4)  # low nibble = even column
    inits = [
        numpy_helper.from_array(packed, base),
        numpy_helper.from_array(code, base + "_scale"),
        const(base + "_16", 16, np.int32),
        const(base + "_8", 8.0, np.float32),
        const(base + "_two", 2.0, np.float32),
        const(base + "_step", 1.0 / SCALE_STEPS, np.float32),
        const(base + "_16f", 16.0, np.float32),
        const(base + "_pairs", [0, 0, -1, 1], np.int64),
        const(base + "_blocks", [0, 0, -1, BLOCK], np.int64),
        const(base + "_rows", [0, 0, -1], np.int64),
    ]
    n = lambda op, i, o, **kw: helper.make_node(op, i, [base + o], name=base + o, **kw)
    nodes = [
        n("Gather", [base, ids], "_g", axis=0),
        n("Cast", [base + "_g"], "_i", to=TensorProto.INT32),
        n("Mod", [base + "_i", base + "_16"], "_lo"),
        n("Div", [base + "_i", base + "_16"], "_hi"),
        n("Reshape", [base + "_lo", base + "_pairs"], "_lo4"),
        n("Reshape", [base + "_hi", base + "_pairs"], "_hi4"),
        n("Concat", [base + "_lo4", base + "_hi4"], "_cat", axis=-1),
        n("Reshape", [base + "_cat", base + "_blocks"], "_q"),
        n("Cast", [base + "_q"], "_qf", to=TensorProto.FLOAT),
        n("Sub", [base + "_qf", base + "_8"], "_c"),
        n("Gather", [base + "_scale", ids], "_sg", axis=0),
        n("Cast", [base + "_sg"], "_sf", to=TensorProto.FLOAT),
        n("Mul", [base + "_sf", base + "_step"], "_se"),
        n("Sub", [base + "_se", base + "_16f"], "_sx"),
        n("Pow", [base + "_two", base + "_sx"], "_s"),
        n("Reshape", [base + "_s", base + "_pairs"], "_s4"),
        n("Mul", [base + "_c", base + "_s4"], "_deq"),
    ]
    nodes.append(helper.make_node("Reshape", [base + "_deq", base + "_rows"], [out], name=base + "_out"))
    err = np.abs((codes.reshape(V, H // BLOCK, BLOCK).astype(np.float32) - 8) * scale[..., None] - blocks).mean()
    return nodes, inits, float(err)


def gather_int8_rows(base, E, ids, out):
    """out = E[ids] from int8 codes with one scale per row (small bag-of-words tables)."""
    codes, scale = int8_rows(E)
    inits = [numpy_helper.from_array(codes, base), numpy_helper.from_array(scale, base + "_scale")]
    nodes = [
        helper.make_node("Gather", [base, ids], [base + "_g"], name=base + "_gather", axis=0),
        helper.make_node("Cast", [base + "_g"], [base + "_f"], name=base + "_cast", to=TensorProto.FLOAT),
        helper.make_node("Gather", [base + "_scale", ids], [base + "_sg"], name=base + "_sgather", axis=0),
        helper.make_node("Mul", [base + "_f", base + "_sg"], [out], name=base + "_deq"),
    ]
    return nodes, inits


def quantize(src, dst, u8u8=False, emb_bits=8):
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
        attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute}
        gemm = (
            n.op_type == "Gemm"
            and not attrs.get("transA", 0)
            and attrs.get("alpha", 1.0) == 1.0
            and attrs.get("beta", 1.0) == 1.0
        )
        if (n.op_type == "MatMul" or gemm) and n.input[1] in inits and len(inits[n.input[1]].dims) == 2:
            W = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
            if gemm and attrs.get("transB", 0):
                W = W.T  # Gemm(x, B, c) with transB = x @ B.T + c: the pooler / classifier Linear layers
            scale = np.maximum(np.abs(W).max(0), 1e-8) / 127.0  # per output column
            q = np.clip(np.round(W / scale), -127, 127)
            base = qname(n.input[1])
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
                helper.make_node(
                    "Mul", [p + "f", p + "s"], [p + "y" if gemm and len(n.input) > 2 else y], name=p + "mul"
                ),
            ]
            if gemm and len(n.input) > 2:
                new_nodes.append(helper.make_node("Add", [p + "y", n.input[2]], [y], name=p + "bias"))
            n_mm += 1
        elif (
            n.op_type == "Gather"
            and n.input[0] in inits
            and len(inits[n.input[0]].dims) == 2
            and inits[n.input[0]].dims[0] >= 256
        ):
            E = numpy_helper.to_array(inits[n.input[0]]).astype(np.float32)
            base = qname(n.input[0])
            if consumers.get(n.input[0], 0) == 1:
                drop.add(n.input[0])
            if E.shape[0] < 1000 or E.shape[1] < 64:  # position or bag-of-words table, not the word embeddings
                nodes, tables = gather_int8_rows(base, E, n.input[1], n.output[0])
                new_nodes += nodes
                add += tables
                continue
            if emb_bits == 4:
                nodes, tables, err = gather_int4(base, E, n.input[1], n.output[0])
                print(f"{n.input[0]}: 4-bit, mean |error| {err:.5f} (mean |value| {np.abs(E).mean():.5f})")
                new_nodes += nodes
                add += tables
                continue
            # the word-embedding table (vocab x hidden), int8 with one scale
            s = np.float32(max(np.abs(E).max(), 1e-8) / 127.0)
            add.append(numpy_helper.from_array(np.clip(np.round(E / s), -127, 127).astype(np.int8), base))
            add.append(numpy_helper.from_array(np.array(s, np.float32), base + "_scale"))
            add.append(numpy_helper.from_array(np.array(0, np.int8), base + "_zp"))
            new_nodes += [
                helper.make_node("Gather", [base, n.input[1]], [base + "_g"], name=base + "_gather", axis=0),
                helper.make_node(
                    "DequantizeLinear", [base + "_g", base + "_scale", base + "_zp"], [n.output[0]], name=base + "_deq"
                ),
            ]
        elif n.op_type == "LSTM":
            # W [dirs, 4H, in] and R [dirs, 4H, H]: int8 with one scale per gate row, dequantised in
            # the graph (the LSTM kernel itself stays fp32); 4x smaller, the only fp32 bulk left.
            ins = list(n.input)
            for k in (1, 2):
                if ins[k] not in inits:
                    continue
                W = numpy_helper.to_array(inits[ins[k]]).astype(np.float32)
                codes, scale = int8_rows(W.reshape(-1, W.shape[2]))  # one scale per gate row
                base = qname(ins[k])
                add.append(numpy_helper.from_array(codes.reshape(W.shape), base))
                add.append(numpy_helper.from_array(scale, base + "_scale"))
                add.append(const(base + "_shape", W.shape, np.int64))
                add.append(const(base + "_rows", [-1, W.shape[2]], np.int64))
                if consumers.get(ins[k], 0) == 1:
                    drop.add(ins[k])
                new_nodes += [
                    helper.make_node("Reshape", [base, base + "_rows"], [base + "_2d"], name=base + "_2d"),
                    helper.make_node("Cast", [base + "_2d"], [base + "_f"], name=base + "_cast", to=TensorProto.FLOAT),
                    helper.make_node("Mul", [base + "_f", base + "_scale"], [base + "_deq"], name=base + "_deq"),
                    helper.make_node("Reshape", [base + "_deq", base + "_shape"], [base + "_w"], name=base + "_w"),
                ]
                ins[k] = base + "_w"
            lstm = helper.make_node("LSTM", ins, list(n.output), name=n.name)
            lstm.attribute.extend(n.attribute)
            new_nodes.append(lstm)
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
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--u8u8", action="store_true")
    ap.add_argument("--emb-bits", type=int, choices=(4, 8), default=8)
    a = ap.parse_args()
    n = quantize(a.src, a.dst, a.u8u8, a.emb_bits)
    print(f"{n} MatMuls quantized; {os.path.getsize(a.src) / 1e6:.1f} MB -> {os.path.getsize(a.dst) / 1e6:.1f} MB")
