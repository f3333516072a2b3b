"""Drawn 2-D points (nnviz.data.drawn): the dataset and the CSV files."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.data.drawn import all_points, make_drawn, read_csv, write_csv
from nnviz.data.errors import DataError
from nnviz.data.planar import DRAWN, PlanarSpec, defaults_for, make_planar


def test_drawn_points_make_a_dataset_with_the_specs_split_and_features():
    rng = np.random.default_rng(0)
    p = rng.uniform(-5, 5, (2, 40))
    y = (p[0] > 0).astype(float)
    ds = make_drawn(p, y, PlanarSpec("xor", noise=0.3, ratio=0.75, features=("x1", "x1sq")))
    assert ds.spec.kind == DRAWN and ds.spec.noise == 0 and ds.spec.n == 40
    assert (ds.m, ds.m_test) == (30, 10) and ds.n_x == 2 and ds.name == "drawn"
    np.testing.assert_allclose(ds.X[1], ds.points[0] ** 2, rtol=1e-6)
    back_p, back_y = all_points(ds)
    order = np.lexsort(back_p)
    np.testing.assert_array_equal(back_p[:, order], p[:, np.lexsort(p)])
    assert back_y.sum() == y.sum()
    assert defaults_for(ds) is None  # drawn points keep the settings in force
    with pytest.raises(DataError, match="at least 2"):
        make_drawn(p[:, :1], y[:1], PlanarSpec("xor"))
    with pytest.raises(DataError, match="CSV"):
        make_planar(PlanarSpec(DRAWN, n=5))


def test_csv_round_trip_and_clear_errors(tmp_path):
    p = np.array([[0.1, -2.5, 3.0], [1.0 / 3, 4.25, -6.0]])
    y = np.array([0.0, 1.0, 1.0])
    path = tmp_path / "mine.csv"
    write_csv(path, p, y)
    assert path.read_text().splitlines()[0] == "x1,x2,y"
    p2, y2 = read_csv(path)
    np.testing.assert_array_equal(p2, p)  # exactly
    np.testing.assert_array_equal(y2, y)
    cases = {
        "a,b\n1,2\n": "first line must be x1,x2,y",
        "x1,x2,y\n1,2\n3,4,1\n": "line 2: expected 3 values",
        "x1,x2,y\n1,2,0\n1,z,1\n": "line 3: '1,z,1' is not 3 numbers",
        "x1,x2,y\n1,2,0\n1,2,2\n": "line 3: x1, x2 must be finite and y 0 or 1",
        "x1,x2,y\n1,nan,0\n1,2,1\n": "line 2:",
        "x1,x2,y\n1,2,0\n": "fewer than 2 points",
    }
    for text, words in cases.items():
        bad = tmp_path / "bad.csv"
        bad.write_text(text)
        with pytest.raises(DataError, match=words) as e:
            read_csv(bad)
        assert str(bad) in str(e.value)  # names the file
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(DataError, match=r"bin\.csv"):
        read_csv(tmp_path / "bin.csv")
    with pytest.raises(DataError, match=r"missing\.csv"):
        read_csv(tmp_path / "missing.csv")
    with pytest.raises(DataError, match="nowhere"):
        write_csv(tmp_path / "nowhere" / "x.csv", p, y)
