"""The command line, in-process: train, predict, argument checks, and the course's numbers."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import nnviz.data
from nnviz.cli import main
from nnviz.data.errors import DataError
from nnviz.data.modelfile import ModelMeta, load_model, save_model

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def data_api(monkeypatch):
    """Stand-in for nnviz.data.load_dataset until the data package exports it."""
    if hasattr(nnviz.data, "load_dataset"):
        return

    def load_dataset(spec, test=None, positive=None, progress=None):
        from nnviz.data.builtin import BUILTIN, load_builtin
        from nnviz.data.folder import load_folder
        from nnviz.data.h5 import load_h5

        p = Path(spec)
        if p.is_dir():
            return load_folder(p, positive=positive, test_path=test)
        if p.suffix == ".h5" and p.is_file():
            return load_h5(p, test)
        if spec.lower() in BUILTIN:
            return load_builtin(spec)
        raise DataError(spec, "no such built-in dataset, file or folder")

    monkeypatch.setattr(nnviz.data, "load_dataset", load_dataset, raising=False)


def png(path: Path, value: int, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    a = np.clip(value + rng.integers(-30, 30, (64, 64, 3)), 0, 255).astype(np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(a).save(path)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder dataset: bright "cat" pictures and dark "non-cat" ones, 10 of each."""
    root = tmp_path_factory.mktemp("pets")
    for i in range(10):
        png(root / "cat" / f"c{i}.png", 200, i)
        png(root / "non-cat" / f"n{i}.png", 50, 100 + i)
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_train_prints_the_course_log_and_writes_a_report(capsys, tmp_path, folder):
    report = tmp_path / "r.json"
    code, out, err = run(
        capsys, "train", "--dataset", str(folder), "--layers", "5,3", "--iterations", "102",
        "--lr", "0.005", "--report", str(report),
    )  # fmt: skip  # (at α = 0.01 layer 2's ReLUs all die and `train` says so on stderr)
    assert code == 0, err
    lines = out.splitlines()
    costs = [line for line in lines if line.startswith("Cost after iteration")]
    assert [c.split(":")[0] for c in costs] == [f"Cost after iteration {i}" for i in (0, 100, 101)]
    assert all(len(c.split(": ")[1].split(".")[1]) == 6 for c in costs)
    assert lines[-2].startswith("Train accuracy: ") and lines[-1].startswith("Test accuracy: ")
    assert err == ""  # stderr is not a terminal: no progress bar
    r = json.loads(report.read_text())
    assert set(r["costs"]) == {"0", "100", "101"}
    assert r["costs"]["101"] == pytest.approx(float(costs[-1].split(": ")[1]), abs=1e-6)
    assert r["settings"]["layers"] == [5, 3] and r["settings"]["dtype"] == "float64"
    assert r["form"] == "dual"  # m < 2 n_x: layer 1 works from X^T X
    assert r["settings"]["layer_dims"] == [12288, 5, 3, 1]
    assert r["train_accuracy"] == pytest.approx(float(lines[-2].split(": ")[1]), abs=1e-4)
    assert 0 <= r["test_accuracy"] <= 1 and r["seconds"] >= 0
    assert r["iterations_run"] == 102 and r["outcome"] == "completed"


def test_logistic_regression_on_points(capsys):
    code, out, _ = run(capsys, "train", "--dataset", "flower", "--layers", "", "--iterations", "3")
    assert code == 0
    assert "Cost after iteration 2: " in out and "Test accuracy: " in out


def brightness_model(path: Path) -> Path:
    """Logistic regression that calls bright pictures cats: z = 10 mean(x) - 5."""
    meta = ModelMeta(
        layer_dims=(12288, 1),
        activation="relu",
        image_shape=(64, 64, 3),
        class_names=("non-cat", "cat"),
        input_scaling="x / 255",
        dtype="float64",
    )
    W = [np.zeros((0, 0)), np.full((1, 12288), 10 / 12288)]
    b = [np.zeros((0, 0)), np.full((1, 1), -5.0)]
    save_model(path, W, b, meta)
    return path


def test_save_model_from_training(capsys, tmp_path, folder):
    model = tmp_path / "m.npz"
    code, _, err = run(
        capsys, "train", "--dataset", str(folder), "--layers", "4", "--iterations", "30",
        "--dtype", "float64", "--save-model", str(model), "--print-every", "0",
    )  # fmt: skip
    assert code == 0, err
    meta, W, _ = load_model(model)
    assert meta.layer_dims == (12288, 4, 1) and meta.iterations == 30
    assert meta.image_shape == (64, 64, 3) and meta.class_names == ("non-cat", "cat")
    assert meta.dtype == "float64" and meta.input_scaling == "x / 255"
    assert W[1].dtype == np.float64
    code, out, err = run(capsys, "predict", "--model", str(model), str(folder / "cat"))
    assert code == 0, err
    assert len(out.splitlines()) == 10
    assert all(line.split()[-1] in ("cat", "non-cat") for line in out.splitlines())


def test_predict(capsys, tmp_path):
    model = brightness_model(tmp_path / "m.npz")
    cat = png(tmp_path / "in" / "bright.png", 210, 7)
    dark = png(tmp_path / "in" / "dark.png", 40, 8)
    code, out, err = run(capsys, "predict", "--model", str(model), str(cat), str(dark))
    assert code == 0, err
    first, second = out.splitlines()
    p = 1 / (1 + np.exp(-(10 * np.asarray(Image.open(cat), np.float64).mean() / 255 - 5)))
    assert first == f"{cat}: P(cat) = {p:.2f} → cat"  # ŷ = P(y = 1) with its class, as the window
    assert second.startswith(f"{dark}: P(cat) = 0.") and second.endswith("→ non-cat")

    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("not an image")  # not an image name: not looked at
    (junk / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (junk / "empty.jpg").write_bytes(b"")
    png(junk / "sub" / "ok.png", 220, 9)
    text = tmp_path / "text.png"
    text.write_text("hello")
    code, out, err = run(
        capsys, "predict", "--json", "--model", str(model), str(cat), str(junk), str(text),
        str(tmp_path / "missing.png"),
    )  # fmt: skip
    assert code == 1
    got = json.loads(out)
    assert [Path(g["path"]).name for g in got] == [
        "bright.png", "broken.png", "empty.jpg", "ok.png", "text.png", "missing.png"
    ]  # fmt: skip
    assert got[0]["label"] == "cat" and 0.5 < got[0]["probability"] <= 1
    assert got[3]["label"] == "cat"
    assert all("error" in got[i] and got[i]["error"] for i in (1, 2, 4, 5))
    assert "Traceback" not in err

    code, out, err = run(capsys, "predict", "--model", str(model), str(text))
    assert code == 1 and out == "" and err.startswith(f"{text}: error: ")


def test_model_without_images_cannot_predict(capsys, tmp_path, folder):
    model = tmp_path / "points.npz"
    assert run(capsys, "train", "--dataset", "flower", "--layers", "4", "--iterations", "2",
               "--save-model", str(model))[0] == 0  # fmt: skip
    code, _out, err = run(capsys, "predict", "--model", str(model), str(folder / "cat" / "c0.png"))
    assert code == 2 and "feature vectors, not images" in err and err.count("\n") == 1


def test_init_model_continues_and_must_fit(capsys, tmp_path, folder):
    model = tmp_path / "m.npz"
    args = ["train", "--dataset", str(folder), "--layers", "3", "--print-every", "0"]
    assert run(capsys, *args, "--iterations", "5", "--save-model", str(model))[0] == 0
    code, _, err = run(capsys, *args[:3], "--init-model", str(model), "--iterations", "5",
                       "--save-model", str(model))  # fmt: skip
    assert code == 0, err
    assert load_model(model)[0].iterations == 10
    for extra, why in (
        (["--dataset", "flower"], "takes 12288 inputs"),
        (["--dataset", str(folder), "--layers", "20,7"], "leave out --layers"),
    ):
        code, _, err = run(capsys, "train", "--init-model", str(model), *extra)
        assert code == 2 and why in err and err.count("\n") == 1, err


def test_divergence_reports_and_exits_1(capsys, tmp_path, folder):
    report = tmp_path / "r.json"
    model = tmp_path / "m.npz"
    code, out, err = run(
        capsys, "train", "--dataset", str(folder), "--layers", "5,3", "--activation", "linear",
        "--lr", "10", "--iterations", "50", "--report", str(report), "--save-model", str(model),
    )  # fmt: skip
    assert code == 1
    assert "learning rate" in err and "Traceback" not in err
    r = json.loads(report.read_text())
    assert r["outcome"] == "diverged" and r["iterations_run"] < 50
    assert load_model(model)[0].iterations == r["iterations_run"]
    assert "Train accuracy" in out


def test_ctrl_c_stops_between_iterations(capsys, tmp_path, folder, monkeypatch):
    import nnviz.engine

    real_step = nnviz.engine.Trainer.step

    def step(self):
        cost = real_step(self)
        if self.iteration == 3:
            signal.raise_signal(signal.SIGINT)
        return cost

    monkeypatch.setattr(nnviz.engine.Trainer, "step", step)
    report = tmp_path / "r.json"
    code, _out, err = run(capsys, "train", "--dataset", str(folder), "--iterations", "100",
                         "--report", str(report))  # fmt: skip
    assert code == 130 and "interrupted after 3 iterations" in err
    assert json.loads(report.read_text())["iterations_run"] == 3
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["train", "--activation", "swish"], "unknown activation 'swish'"),
        (["train", "--loss", "hinge"], "unknown loss 'hinge'"),
        (["train", "--init", "magic"], "unknown initialisation 'magic'"),
        (["train", "--dtype", "float16"], "dtype must be float32 or float64"),
        (["train", "--layers", "20,x"], "is not a whole number of units"),
        (["train", "--layers", "0"], "a layer needs at least 1 unit"),
        (["train", "--lr", "0"], "learning rate must be a positive number"),
        (["train", "--lr", "-0.1"], "learning rate must be a positive number"),
        (["train", "--iterations", "-1"], "--iterations must be zero or more"),
        (["train", "--batch-size", "0"], "mini-batch size"),
        (["train", "--iterations", "abc"], "invalid int value"),
        (["train", "--dataset", "/no/such/place"], "/no/such/place"),
        (["train", "--dataset", "nosuchbuiltin"], "nosuchbuiltin"),
        (["train", "--init-model", "/no/model.npz"], "/no/model.npz: no such file"),
        (["train", "--save-model", "/no/folder/m.npz"], "does not exist"),
        (["predict", "--model", "/no/model.npz", "x.png"], "/no/model.npz: no such file"),
        (["predict", "x.png"], "--model"),
        (["--size", "big"], "is not a size like 1600x1000"),
        (["--train", "-5"], "--train must be zero or more"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_invalid_arguments_give_one_line_and_exit_2(capsys, argv, fragment):
    try:
        code = main(argv)
    except SystemExit as e:  # argparse's own errors
        code = e.code
    _out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("nnviz: error: ") and err.count("\n") == 1, err
    assert fragment in err and "Traceback" not in err


def test_bench_words_are_reserved(capsys, monkeypatch):
    for word in ("gui", "soak"):
        monkeypatch.setitem(sys.modules, f"nnviz.bench.{word}", None)  # makes the import fail
        code, _, err = run(capsys, "bench", word, "--frames", "10")
        assert code == 2 and err == f"nnviz bench {word} is not available in this build\n"


def test_bench_words_dispatch(capsys, monkeypatch):
    import types

    seen = []
    fake = types.SimpleNamespace(main=lambda args: seen.append(args) or 7)
    monkeypatch.setitem(sys.modules, "nnviz.bench.soak", fake)
    assert main(["bench", "soak", "--minutes", "3", "x"]) == 7
    assert seen[0].rest == ["--minutes", "3", "x"]


def test_window_options(monkeypatch):
    import nnviz.ui.app

    seen = []
    monkeypatch.setattr(nnviz.ui.app, "run_app", lambda args: seen.append(args) or 0)
    assert main(["--screenshot", "x.png", "--train", "50"]) == 0
    assert main(["--dataset", "flower", "--size", "800x600"]) == 0
    a, b = seen
    assert (a.command, a.screenshot, a.train) == (None, "x.png", 50)
    assert (a.size, a.dataset) == (None, "cats")  # None: the default size, fitted to the screen
    assert (b.dataset, b.size, b.train, b.screenshot) == ("flower", (800, 600), 0, None)


def test_entry_point_help():
    r = subprocess.run(
        [sys.executable, "-m", "nnviz", "train", "--help"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert r.returncode == 0 and "--iterations" in r.stdout and "--save-model" in r.stdout


L_LAYER_COSTS = ["Cost after iteration 0: 0.771749", "Cost after iteration 2400: 0.092878"]
COURSE = [
    (["--layers", "20,7,5"], L_LAYER_COSTS, "0.9856", "0.8000"),
    (["--layers", "7", "--init", "small"], ["Cost after iteration 2400: 0.048555"], "1.0000",
     "0.7200"),
    (["--layers", "", "--init", "zeros", "--lr", "0.005", "--iterations", "2000"], [], "0.9904",
     "0.7000"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "costs", "train", "test"), COURSE, ids=["L-layer", "2-layer", "logreg"]
)
def test_the_course_numbers(capsys, catvnoncat, extra, costs, train, test):
    code, out, err = run(
        capsys, "train", "--dataset", str(catvnoncat / "train_catvnoncat.h5"),
        "--test", str(catvnoncat / "test_catvnoncat.h5"), "--dtype", "float64", "--seed", "1",
        *extra,
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    for c in costs:
        assert c in lines
    assert f"Train accuracy: {train}" in lines and f"Test accuracy: {test}" in lines
