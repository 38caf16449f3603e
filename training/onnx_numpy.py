"""Tiny numpy interpreter for the ONNX ops our exported BERT graphs use (fp32 and q8), so the
q8 graph can be checked against fp32 without onnxruntime (not installable here)."""
import numpy as np
import onnx
from onnx import numpy_helper

NP = {1: np.float32, 2: np.uint8, 3: np.int8, 6: np.int32, 7: np.int64, 9: np.bool_, 10: np.float16, 11: np.float64}


def _erf(x):
    # Abramowitz-Stegun 7.1.26 is too coarse; use math.erf vectorised (exact to float precision)
    import math

    return np.vectorize(math.erf, otypes=[np.float64])(x.astype(np.float64)).astype(x.dtype)


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _dql(x, s, z=None):
    z = np.zeros((), x.dtype) if z is None else z
    return ((x.astype(np.int32) - z.astype(np.int32)) * s).astype(np.float32)


def _dyn_q(x):
    lo, hi = min(0.0, float(x.min())), max(0.0, float(x.max()))
    s = np.float32((hi - lo) / 255.0) if hi > lo else np.float32(1.0)
    zp = np.uint8(np.clip(np.round(-lo / s), 0, 255))
    q = np.clip(np.round(x / s) + zp, 0, 255).astype(np.uint8)  # round-half-even like the spec
    return q, s, zp


def _lstm(i, a):
    """ONNX LSTM, forward direction, default activations, layout 0: X [T, B, in]; gates i, o, f, c."""
    assert a.get("direction", b"forward") in (b"forward", "forward") and not a.get("layout", 0)
    X, W, R = i[0], i[1][0], i[2][0]
    H = R.shape[1]
    b = i[3][0] if len(i) > 3 and i[3] is not None else np.zeros(8 * H, np.float32)
    h = i[5][0] if len(i) > 5 and i[5] is not None else np.zeros((X.shape[1], H), np.float32)
    c = i[6][0] if len(i) > 6 and i[6] is not None else np.zeros((X.shape[1], H), np.float32)
    sig = lambda z: 1 / (1 + np.exp(-z))
    ys = []
    for x in X:
        z = x @ W.T + h @ R.T + b[: 4 * H] + b[4 * H :]
        it, ot, ft, ct = sig(z[:, :H]), sig(z[:, H : 2 * H]), sig(z[:, 2 * H : 3 * H]), np.tanh(z[:, 3 * H :])
        c = ft * c + it * ct
        h = ot * np.tanh(c)
        ys.append(h)
    Y = np.stack(ys)[:, None].astype(np.float32)  # [T, 1, B, H]
    return Y, h[None].astype(np.float32), c[None].astype(np.float32)


def run(model, feeds):
    if isinstance(model, str):
        model = onnx.load(model)
    g = model.graph
    env = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    env.update(feeds)
    for n in g.node:
        a, i = _attrs(n), [env[x] if x else None for x in n.input]
        op = n.op_type
        if op == "Constant":
            out = [numpy_helper.to_array(a["value"])]
        elif op == "Gather":
            out = [np.take(i[0], i[1], axis=a.get("axis", 0))]
        elif op in ("Add", "Sub", "Mul", "Div", "Pow", "Equal", "Where", "MatMul", "Less", "Greater"):
            f = {
                "Add": np.add,
                "Sub": np.subtract,
                "Mul": np.multiply,
                "Pow": np.power,
                "Equal": np.equal,
                "MatMul": np.matmul,
                "Less": np.less,
                "Greater": np.greater,
            }.get(op)
            if op == "Div":
                r = i[0] // i[1] if np.issubdtype(i[0].dtype, np.integer) else i[0] / i[1]
            elif op == "Where":
                r = np.where(i[0], i[1], i[2])
            else:
                r = f(i[0], i[1])
            if (
                op in ("Add", "Sub", "Mul", "Div", "Pow", "MatMul")
                and isinstance(r, np.ndarray)
                and r.dtype == np.float64
            ):
                r = r.astype(np.float32)
            out = [np.asarray(r)]
        elif op == "GatherElements":
            out = [np.take_along_axis(i[0], i[1], axis=a.get("axis", 0))]
        elif op == "LSTM":
            out = list(_lstm(i, a))
        elif op == "Mod":  # integer Mod (fmod=0): sign of the divisor, like numpy
            out = [np.mod(i[0], i[1])]
        elif op == "Gemm":
            A = i[0].T if a.get("transA", 0) else i[0]
            B = i[1].T if a.get("transB", 0) else i[1]
            r = a.get("alpha", 1.0) * (A @ B)
            if len(i) > 2 and i[2] is not None:
                r = r + a.get("beta", 1.0) * i[2]
            out = [r.astype(np.float32)]
        elif op == "Sqrt":
            out = [np.sqrt(i[0])]
        elif op == "Erf":
            out = [_erf(i[0])]
        elif op == "Tanh":
            out = [np.tanh(i[0])]
        elif op == "Softmax":
            ax = a.get("axis", -1)
            e = np.exp(i[0] - i[0].max(ax, keepdims=True))
            out = [e / e.sum(ax, keepdims=True)]
        elif op in ("ReduceMean", "ReduceSum"):
            axes = a.get("axes") if len(i) < 2 or i[1] is None else i[1]
            axes = tuple(int(x) for x in axes) if axes is not None else None
            f = np.mean if op == "ReduceMean" else np.sum
            out = [f(i[0], axis=axes, keepdims=bool(a.get("keepdims", 1))).astype(i[0].dtype)]
        elif op == "Shape":
            out = [np.array(i[0].shape, np.int64)]
        elif op == "Cast":
            out = [i[0].astype(NP[a["to"]])]
        elif op == "Unsqueeze":
            axes = a.get("axes") if len(i) < 2 else i[1]
            r = i[0]
            for ax in sorted(int(x) % (r.ndim + len(axes)) for x in axes):
                r = np.expand_dims(r, ax)
            out = [r]
        elif op == "Squeeze":
            axes = a.get("axes") if len(i) < 2 else i[1]
            out = [np.squeeze(i[0], axis=tuple(int(x) for x in axes))]
        elif op == "Concat":
            out = [np.concatenate(i, axis=a["axis"])]
        elif op == "Reshape":
            shp = [int(s) for s in i[1]]
            shp = [i[0].shape[k] if s == 0 else s for k, s in enumerate(shp)]
            out = [i[0].reshape(shp)]
        elif op == "Transpose":
            out = [np.transpose(i[0], a.get("perm"))]
        elif op == "Slice":
            st, en = i[1], i[2]
            axes = i[3] if len(i) > 3 and i[3] is not None else range(len(st))
            steps = i[4] if len(i) > 4 and i[4] is not None else [1] * len(st)
            sl = [slice(None)] * i[0].ndim
            for s, e, ax, sp in zip(st, en, axes, steps):
                sl[int(ax)] = slice(int(s), int(max(min(e, 2**62), -(2**62))), int(sp))
            out = [i[0][tuple(sl)]]
        elif op == "Range":
            out = [np.arange(i[0], i[1], i[2]).astype(i[0].dtype)]
        elif op == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
            out = [np.full([int(s) for s in i[0]], v[0], v.dtype)]
        elif op == "Expand":
            out = [i[0] * np.ones([int(s) for s in i[1]], i[0].dtype)]
        elif op == "Neg":
            out = [-i[0]]
        elif op == "Not":
            out = [~i[0]]
        elif op == "Identity":
            out = [i[0]]
        elif op == "Clip":
            out = [np.clip(i[0], i[1] if len(i) > 1 else None, i[2] if len(i) > 2 else None)]
        elif op == "DynamicQuantizeLinear":
            out = list(_dyn_q(i[0]))
        elif op == "MatMulInteger":
            A = i[0].astype(np.int32) - (i[2].astype(np.int32) if len(i) > 2 and i[2] is not None else 0)
            B = i[1].astype(np.int32) - (i[3].astype(np.int32) if len(i) > 3 and i[3] is not None else 0)
            out = [np.matmul(A, B).astype(np.int32)]
        elif op == "DequantizeLinear":
            out = [_dql(i[0], i[1], i[2] if len(i) > 2 else None)]
        else:
            raise NotImplementedError(op)
        for name, v in zip(n.output, out):
            env[name] = v
    return {o.name: env[o.name] for o in g.output}
