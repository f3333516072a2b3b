"""`nnviz predict` and `nnviz export`: commands that read a model file (nnviz's or the course's).

Both take --activation and --picture-size to override what a file says or what is assumed for
the course's own files (np.savez("model.npz", **parameters)); every assumption and override is
said on stderr as "nnviz: note: ...", so `predict --json` keeps stdout for the JSON list only.
"""

from __future__ import annotations

import argparse
import json
import sys

from nnviz.run.verdict import verdict


def picture_size(text: str) -> tuple[int, int, int]:
    """ "64x64" or "64x64x3" (height x width [x channels]) -> (H, W, C)."""
    try:
        parts = [int(v) for v in text.lower().split("x")]
    except ValueError:
        parts = []
    if len(parts) == 2:
        parts.append(3)
    if len(parts) != 3 or min(parts) < 1:
        raise argparse.ArgumentTypeError(
            f"picture size must look like 64x64 or 64x64x3 (height x width x channels), "
            f"got {text!r}"
        )
    return parts[0], parts[1], parts[2]


def _model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", required=True, metavar="NPZ", help="nnviz model or session file, "
                   "or the course's np.savez('model.npz', **parameters)")  # fmt: skip
    p.add_argument(
        "--activation",
        help="hidden activation to use instead of the file's (or the course's relu)",
    )
    p.add_argument(
        "--picture-size",
        type=picture_size,
        metavar="HxW[xC]",
        help="picture size the model takes, instead of the file's (or 64x64x3 for 12288 inputs)",
    )


def add_parsers(sub, formatter) -> None:
    """The predict and export subcommands on `sub` (argparse subparsers)."""
    pr = sub.add_parser(
        "predict", help="say cat or not for image files and folders", formatter_class=formatter
    )
    _model_options(pr)
    pr.add_argument("--json", action="store_true", help="print a JSON list (notes on stderr)")
    pr.add_argument("paths", nargs="+", metavar="PATH")
    ex = sub.add_parser(
        "export", help="write a model for other tools (ONNX)", formatter_class=formatter
    )
    _model_options(ex)
    ex.add_argument("--onnx", required=True, metavar="FILE", help="the ONNX file to write")


def _read(args: argparse.Namespace):
    """(meta, W, b) with the overrides; notes go to stderr."""
    from nnviz.data.modelfile import read_model
    from nnviz.engine import get_activation

    activation = get_activation(args.activation).name if args.activation else None
    meta, W, b, notes = read_model(args.model, activation, args.picture_size)
    for note in notes:
        print(f"nnviz: note: {note}", file=sys.stderr)
    return meta, W, b


def cmd_predict(args: argparse.Namespace, usage_error: type[Exception]) -> int:
    """Print "path: P(cat) = 0.87 → cat" per image (ŷ = P(y = 1) with its class name, then the
    prediction, as the window words it), or a JSON list; exit 1 if any image failed."""
    from nnviz.data.errors import DataError
    from nnviz.data.files import expand_image_paths
    from nnviz.data.images import load_image, to_column
    from nnviz.engine import Architecture, predict_proba

    meta, W, b = _read(args)
    if meta.image_shape is None:
        raise usage_error(
            f"{args.model}: this model was trained on feature vectors, not images, "
            "so it cannot predict image files (give --picture-size if it takes pictures)"
        )
    arch = Architecture(meta.layer_dims, meta.activation)
    results: list[dict] = []
    for path, reason in expand_image_paths(args.paths):
        if reason is None:
            try:
                x = to_column(load_image(path, shape=meta.image_shape)).astype(meta.dtype)
            except DataError as e:
                reason = e.reason
            else:
                p = float(predict_proba(arch, W, b, x)[0, 0])
                label = meta.class_names[1] if p > 0.5 else meta.class_names[0]
                results.append({"path": path, "probability": p, "label": label})
        if reason is not None:
            results.append({"path": path, "error": reason})
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            if "error" in r:
                print(f"{r['path']}: error: {r['error']}", file=sys.stderr)
            else:
                print(f"{r['path']}: {verdict(r['probability'], meta.class_names)}")
    return 1 if any("error" in r for r in results) else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the model as ONNX; one line on stdout says what was written."""
    from nnviz.data.onnx_export import export_onnx

    meta, W, b = _read(args)
    export_onnx(args.onnx, meta, W, b)
    shape = meta.image_shape
    inputs = f"{'x'.join(map(str, shape))} pictures, pixels / 255" if shape else "features"
    print(
        f"wrote {args.onnx}: input x float32 (N, {meta.layer_dims[0]}) of {inputs}; "
        f"output probability (N, 1) = P({meta.class_names[1]})"
    )
    return 0
