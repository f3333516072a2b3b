"""Session files (Qt-free): round trips, a session is a model file, bad files give SessionError."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from nnviz.cli import main as cli_main
from nnviz.data import DataError, load_dataset
from nnviz.data.modelfile import ModelMeta, load_model, save_model
from nnviz.data.session import Session, SessionError, load_session, save_session
from nnviz.engine.trainer import TrainConfig, Trainer


@pytest.fixture(scope="module")
def trained():
    ds = load_dataset("cats")
    X, Y, _, _ = ds.as_dtype("float32")
    t = Trainer(TrainConfig(hidden_layers=(5, 3), lr=0.01), X, Y)
    t.run(12)
    return ds, t


def make_session(trained, **changes) -> Session:
    ds, t = trained
    evals = np.array([[0, 6, 12], [0.7, 0.6, np.nan], [0.5, 0.6, 0.7], [0.4, np.nan, 0.6]])
    fields = {
        "dataset": "cats",
        "positive": ds.class_names[1],
        "class_names": ds.class_names,
        "image_shape": ds.image_shape,
        "config": t.config.with_(lr=0.02),
        "iteration": t.iteration,
        "costs": np.array(t.costs),
        "evaluations": evals,
        "W": t.W,
        "b": t.b,
        "saved_at": 1_700_000_000.5,
    }
    fields.update(changes)
    return Session(**fields)


def test_round_trip_keeps_everything(tmp_path, trained):
    s = make_session(trained, extra={"timeline_W1": np.ones((3, 2), np.float32)})
    path = tmp_path / "run.npz"
    save_session(path, s)
    r = load_session(path)
    assert (r.dataset, r.positive, r.class_names) == (s.dataset, s.positive, tuple(s.class_names))
    assert r.config == s.config and r.config.lr == 0.02
    assert r.iteration == 12 and r.saved_at == s.saved_at and r.image_shape == (64, 64, 3)
    np.testing.assert_array_equal(r.costs, s.costs)
    np.testing.assert_array_equal(r.evaluations, s.evaluations)  # NaN where not measured
    for l in (1, 2, 3):
        np.testing.assert_array_equal(r.W[l], s.W[l])
        np.testing.assert_array_equal(r.b[l], s.b[l])
    np.testing.assert_array_equal(r.extra["timeline_W1"], np.ones((3, 2)))


def test_a_session_is_a_model_file_and_predict_works_on_it(tmp_path, trained, capsys):
    path = tmp_path / "run.npz"
    save_session(path, make_session(trained))
    meta, _W, _b = load_model(path)
    assert meta.layer_dims == (12288, 5, 3, 1) and meta.iterations == 12
    ds = trained[0]
    img = tmp_path / "cat.png"
    from PIL import Image

    Image.fromarray(ds.image(0)).save(img)
    assert cli_main(["predict", "--model", str(path), str(img)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{img}: ")
    assert out.split()[-1] in ds.class_names  # "path: P(cat) = 0.42 → non-cat"


def test_no_pickle_and_no_object_arrays(tmp_path, trained):
    path = tmp_path / "run.npz"
    save_session(path, make_session(trained))
    with np.load(path, allow_pickle=False) as z:  # would raise on any object array
        assert all(z[k].dtype.kind in "fU" for k in z.files)


def test_a_plain_model_file_is_not_a_session(tmp_path, trained):
    _ds, t = trained
    path = tmp_path / "model.npz"
    save_model(path, t.W, t.b, ModelMeta(layer_dims=t.arch.layer_dims))
    with pytest.raises(SessionError, match="model file without a session"):
        load_session(path)


def rewrite(path, **entries) -> None:
    """Replace entries of an .npz (keeping the rest) to make a damaged session."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays.update(entries)
    np.savez(path, **arrays)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"format": 9}, "format"),
        ({"iteration": -1}, "iteration"),
        ({"iteration": "12"}, "iteration"),
        ({"dataset": 3}, "dataset"),
        ({"config": {"hidden_layers": [5, 3], "lr": "fast"}}, "lr"),
        ({"config": {"hidden_layers": [7, 3]}}, "do not match"),
        ({"config": {"hidden_layers": [5, 3], "bogus": 1}}, "unknown"),
        ({"saved_at": None}, "saved_at"),
    ],
)
def test_bad_session_entries_give_one_clear_error(tmp_path, trained, change, reason):
    path = tmp_path / "run.npz"
    save_session(path, make_session(trained))
    with np.load(path, allow_pickle=False) as z:
        d = json.loads(str(z["session"][()]))
    d.update(change)
    rewrite(path, session=np.array(json.dumps(d)))
    with pytest.raises(SessionError, match=reason) as e:
        load_session(path)
    assert str(path) in str(e.value)


@pytest.mark.parametrize(
    ("entries", "reason"),
    [
        ({"session": np.array("{not json")}, "JSON"),
        ({"session": np.arange(3.0)}, "not text"),
        ({"session_costs": np.array([1.0, np.nan])}, "NaN"),
        ({"session_costs": np.ones((2, 2))}, "1-D"),
        ({"session_evals": np.ones((3, 2))}, r"\(4, k\)"),
        ({"session_evals": np.array([[0.0], [1], [7], [0]])}, "fractions"),
    ],
)
def test_bad_session_arrays(tmp_path, trained, entries, reason):
    path = tmp_path / "run.npz"
    save_session(path, make_session(trained))
    rewrite(path, **entries)
    with pytest.raises(SessionError, match=reason):
        load_session(path)


def test_truncated_and_missing_files(tmp_path, trained):
    path = tmp_path / "run.npz"
    save_session(path, make_session(trained))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SessionError):
        load_session(path)
    with pytest.raises(SessionError, match="no such file"):
        load_session(tmp_path / "gone.npz")
    assert issubclass(SessionError, DataError)


def test_reserved_extra_names_are_refused(tmp_path, trained):
    with pytest.raises(ValueError, match="reserved"):
        save_session(tmp_path / "x.npz", make_session(trained, extra={"session": np.zeros(1)}))


def test_an_interrupted_save_leaves_the_old_file(tmp_path, trained, monkeypatch):
    path = tmp_path / "run.npz"
    save_session(path, make_session(trained))
    before = path.read_bytes()
    import nnviz.data.modelfile as mf

    def boom(f, arrays):
        f.write(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(mf, "_write_arrays", boom)
    with pytest.raises(KeyboardInterrupt):
        save_session(path, make_session(trained, iteration=99))
    assert path.read_bytes() == before
    assert zipfile.is_zipfile(path)
    assert [p.name for p in tmp_path.iterdir()] == ["run.npz"]  # no temporary left behind
