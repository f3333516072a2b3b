"""A trained network as a standard ONNX graph (opens in Netron, runs in onnxruntime).

The graph, built with the `onnx` package:
  input  "x":           float32 (N, n_x), batch first; row i is example i flattened and scaled as
                        nnviz does (pictures: picture.reshape(-1) in row-major H, W, C order, / 255)
  layer l = 1..L:       Gemm(A, W[l], b[l], transB=1) = A @ W[l].T + b[l]; then the hidden
                        activation (Relu, LeakyRelu alpha 0.01, Tanh, Sigmoid, or none for linear)
                        for l < L, Sigmoid for l = L
  output "probability": float32 (N, 1), yhat = P(y = 1), the probability of class_names[1]
Weights are stored as float32 (a float64 model is rounded once). The model's metadata_props
record image_shape ("64,64,3" = H,W,C, or "none"), input_scaling, input_order, class_names
(JSON [negative, positive]), layer_dims and activation. Opset 13, IR version 8.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np

OPSET = 13
IR_VERSION = 8
INPUT, OUTPUT = "x", "probability"
_OPS = {"relu": "Relu", "tanh": "Tanh", "sigmoid": "Sigmoid", "leaky_relu": "LeakyRelu"}


def metadata(meta) -> dict[str, str]:
    """The metadata_props written into the graph for a ModelMeta."""
    shape = ",".join(map(str, meta.image_shape)) if meta.image_shape else "none"
    order = (
        "each row is one picture as picture.reshape(-1): row-major height, width, channel (RGB)"
        if meta.image_shape
        else "each row is one example's features"
    )
    return {
        "image_shape": shape,
        "input_scaling": meta.input_scaling,
        "input_order": order,
        "class_names": json.dumps(list(meta.class_names)),
        "output": f"P(y = 1) = probability of {meta.class_names[1]!r}",
        "layer_dims": json.dumps(list(meta.layer_dims)),
        "activation": meta.activation,
    }


def to_onnx(meta, W: list[np.ndarray], b: list[np.ndarray]):
    """onnx.ModelProto for the network; W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1), entry 0 unused.

    meta: nnviz.data.modelfile.ModelMeta. Raises ValueError for an activation ONNX lacks."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    L = len(meta.layer_dims) - 1
    nodes, inits = [], []
    a = INPUT
    for l in range(1, L + 1):
        inits.append(numpy_helper.from_array(np.asarray(W[l], np.float32), f"W{l}"))
        inits.append(numpy_helper.from_array(np.asarray(b[l], np.float32).reshape(-1), f"b{l}"))
        z = f"Z{l}"
        nodes.append(helper.make_node("Gemm", [a, f"W{l}", f"b{l}"], [z], transB=1, name=f"L{l}"))
        act = "sigmoid" if l == L else meta.activation
        out = OUTPUT if l == L else f"A{l}"
        if act == "linear":
            nodes.append(helper.make_node("Identity", [z], [out], name=f"g{l}"))
        elif act in _OPS:
            extra = {"alpha": 0.01} if act == "leaky_relu" else {}
            node = helper.make_node(_OPS[act], [z], [out], name=f"g{l}", **extra)  # type: ignore[arg-type]
            nodes.append(node)
        else:
            raise ValueError(f"activation {act!r} has no ONNX operator here")
        a = out
    graph = helper.make_graph(
        nodes,
        "nnviz",
        [helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, ["N", meta.layer_dims[0]])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["N", 1])],
        initializer=inits,
    )
    model = helper.make_model(
        graph,
        producer_name="nnviz",
        opset_imports=[helper.make_opsetid("", OPSET)],
        doc_string=f"{meta.class_names[1]} or {meta.class_names[0]}: output P(y = 1)",
    )
    model.ir_version = IR_VERSION
    helper.set_model_props(model, metadata(meta))
    onnx.checker.check_model(model)
    return model


def export_onnx(path: str | os.PathLike, meta, W: list[np.ndarray], b: list[np.ndarray]) -> None:
    """Write the network to `path` as ONNX, atomically, with the user's usual file mode (umask).

    Raises ValueError (see to_onnx) or OSError."""
    from nnviz.data.filemode import chmod_default

    data = to_onnx(meta, W, b).SerializeToString()
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            chmod_default(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
