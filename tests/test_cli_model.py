"""`nnviz predict` on the course's own model files and `nnviz export --onnx`."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from nnviz.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def course_parameters(dims=(12288, 20, 7, 5, 1), seed: int = 1) -> dict[str, np.ndarray]:
    rng = np.random.RandomState(seed)
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.randn(dims[l], 1) * 0.5
    return p


def course_predict(p: dict[str, np.ndarray], x: np.ndarray, g=lambda z: np.maximum(0, z)):
    """The course's predict for one (n_x, 1) column: g hidden, sigmoid out."""
    L = len(p) // 2
    a = x
    for l in range(1, L):
        a = g(p[f"W{l}"] @ a + p[f"b{l}"])
    return float(1 / (1 + np.exp(-(p[f"W{L}"] @ a + p[f"b{L}"])))[0, 0])


@pytest.fixture
def course_model(tmp_path) -> tuple[Path, dict, Path, np.ndarray]:
    p = course_parameters()
    model = tmp_path / "model.npz"
    np.savez(model, **p)  # exactly what the course's notebook would save
    pixels = np.random.default_rng(5).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    picture = tmp_path / "my_cat.png"
    Image.fromarray(pixels).save(picture)
    return model, p, picture, pixels


def test_predict_with_the_courses_model_says_what_it_assumed(capsys, course_model):
    model, p, picture, pixels = course_model
    code, out, err = run(capsys, "predict", "--model", str(model), "--json", str(picture))
    assert code == 0, err
    results = json.loads(out)  # stdout is the JSON list only
    want = course_predict(p, pixels.reshape(-1, 1) / 255.0)
    assert results[0]["probability"] == pytest.approx(want, abs=1e-9)
    assert results[0]["label"] == ("cat" if want > 0.5 else "non-cat")
    notes = [line for line in err.splitlines() if line.startswith("nnviz: note: ")]
    assert len(notes) == 5 and "relu" in err and "64x64x3" in err and "[12288, 20, 7, 5, 1]" in err


def test_predict_overrides(capsys, course_model):
    model, p, picture, pixels = course_model
    code, out, err = run(capsys, "predict", "--model", str(model), "--json", "--activation",
                         "tanh", str(picture))  # fmt: skip
    assert code == 0, err
    want = course_predict(p, pixels.reshape(-1, 1) / 255.0, np.tanh)
    assert json.loads(out)[0]["probability"] == pytest.approx(want, abs=1e-9)
    assert "hidden layers use tanh" in err
    code, out, err = run(capsys, "predict", "--model", str(model), "--picture-size", "32x32",
                         str(picture))  # fmt: skip
    assert code == 2 and "image_shape (32, 32, 3) has 3072 values" in err
    with pytest.raises(SystemExit) as e:
        main(["predict", "--model", str(model), "--picture-size", "big", "x"])
    assert e.value.code == 2 and "64x64x3" in capsys.readouterr().err


def test_a_pickled_parameters_npy_is_refused_with_advice(capsys, tmp_path):
    path = tmp_path / "parameters.npy"
    np.save(path, course_parameters((12, 2, 1)), allow_pickle=True)
    code, out, err = run(capsys, "predict", "--model", str(path), "x.png")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert 'np.savez("model.npz", **parameters)' in err


def test_the_issues_bomb_is_refused_in_one_line(capsys, tmp_path):
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buf, {"descr": "<f8", "fortran_order": False, "shape": (20, 25_000_000)}
    )
    path = tmp_path / "bomb.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("W1.npy", buf.getvalue() + bytes(1000))
    data = bytearray(path.read_bytes())
    size = struct.pack("<I", len(buf.getvalue()) + 4_000_000_000)
    at = data.find(b"PK\x01\x02")
    data[22:26], data[at + 24 : at + 28] = size, size
    path.write_bytes(bytes(data))
    code, _out, err = run(capsys, "predict", "--model", str(path), "x.png")
    assert code == 2 and len(err.splitlines()) == 1 and "declares 4.0 GB" in err


def test_export_onnx_gives_predicts_probabilities(capsys, course_model, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    model, _p, picture, pixels = course_model
    out_file = tmp_path / "model.onnx"
    code, out, err = run(capsys, "export", "--onnx", str(out_file), "--model", str(model))
    assert code == 0, err
    assert "(N, 12288)" in out and "64x64x3 pictures, pixels / 255" in out and "P(cat)" in out
    code, out, err = run(capsys, "predict", "--model", str(model), "--json", str(picture))
    want = json.loads(out)[0]["probability"]
    sess = ort.InferenceSession(str(out_file), providers=["CPUExecutionProvider"])
    row = (pixels.reshape(1, -1) / 255.0).astype(np.float32)
    (got,) = sess.run(["probability"], {"x": row})
    assert got.shape == (1, 1) and abs(float(got[0, 0]) - want) < 1e-6


def test_export_needs_both_options(capsys):
    with pytest.raises(SystemExit) as e:
        main(["export", "--model", "m.npz"])
    assert e.value.code == 2 and "--onnx" in capsys.readouterr().err
