"""Points drawn by hand on the plane (issue 13's "draw your own"): a dataset, and CSV files.

make_drawn(points (2, n), y (n,), spec) is a PlanarDataset named "drawn" (spec.kind DRAWN; its
ratio, seed and features apply as for Playground's data, noise does not). CSV files have a header
`x1,x2,y` and one point a line; y is 0 (orange) or 1 (blue). read_csv raises DataError naming the
file and the line for anything else; write_csv writes what read_csv reads back exactly.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import replace

import numpy as np

from nnviz.data.errors import DataError
from nnviz.data.planar import DRAWN, PlanarDataset, PlanarSpec, split_points

MAX_POINTS = 100_000
HEADER = ("x1", "x2", "y")


def make_drawn(
    points: np.ndarray, y: np.ndarray, spec: PlanarSpec, source: str = ""
) -> PlanarDataset:
    """The drawn points as a dataset: points (2, n) float, y (n,) of 0/1, split and featured as
    `spec` says (its kind becomes DRAWN, n the number of points). Raises DataError."""
    p = np.asarray(points, np.float64).reshape(2, -1)
    y = np.asarray(y, np.float64).reshape(-1)
    if p.shape[1] != y.size:
        raise DataError(None, f"{p.shape[1]} points but {y.size} labels")
    if p.shape[1] < 2:
        raise DataError(None, "draw at least 2 points (one of each class is best)")
    if not np.all(np.isfinite(p)) or not np.all((y == 0) | (y == 1)):
        raise DataError(None, "drawn points need finite x1, x2 and a class y of 0 or 1")
    spec = replace(spec, kind=DRAWN, noise=0.0, n=int(p.shape[1]))
    rng = np.random.default_rng([spec.seed, 99])
    return split_points(spec, p, y, DRAWN, source or f"drawn ({p.shape[1]} points)", rng)


def all_points(ds: PlanarDataset) -> tuple[np.ndarray, np.ndarray]:
    """(points (2, m + m_test), y) of a 2-D dataset, training points first."""
    p = np.concatenate([ds.points, ds.points_test], axis=1)
    return p, np.concatenate([ds.Y[0], ds.Y_test[0]]).astype(np.float64)


def read_csv(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray]:
    """(points (2, n), y (n,)) from a CSV file `x1,x2,y`. Raises DataError (path + reason)."""
    path = os.fspath(path)
    xs: list[tuple[float, float]] = []
    ys: list[float] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = csv.reader(f)
            head = next(rows, None)
            if head is None or tuple(c.strip().lower() for c in head) != HEADER:
                raise DataError(path, "not a drawn-points file: the first line must be x1,x2,y")
            for line, row in enumerate(rows, start=2):
                if not row or all(not c.strip() for c in row):
                    continue
                if len(row) != 3:
                    raise DataError(path, f"line {line}: expected 3 values (x1, x2, y)")
                try:
                    x1, x2, yv = (float(c) for c in row)
                except ValueError:
                    raise DataError(
                        path, f"line {line}: {','.join(row)!r} is not 3 numbers"
                    ) from None
                if not (math.isfinite(x1) and math.isfinite(x2)) or yv not in (0.0, 1.0):
                    raise DataError(path, f"line {line}: x1, x2 must be finite and y 0 or 1")
                xs.append((x1, x2))
                ys.append(yv)
                if len(xs) > MAX_POINTS:
                    raise DataError(path, f"more than {MAX_POINTS:,} points")
    except OSError as e:
        raise DataError(path, e.strerror or str(e)) from None
    except UnicodeDecodeError:
        raise DataError(path, "not a text file") from None
    if len(xs) < 2:
        raise DataError(path, "fewer than 2 points")
    return np.array(xs, np.float64).T, np.array(ys, np.float64)


def write_csv(path: str | os.PathLike, points: np.ndarray, y: np.ndarray) -> None:
    """Write points (2, n) and y (n,) as `x1,x2,y` lines (repr floats: read back exactly).
    Raises DataError when the file cannot be written."""
    path = os.fspath(path)
    try:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(HEADER)
            for (x1, x2), yv in zip(
                np.asarray(points).T.tolist(), np.asarray(y).tolist(), strict=True
            ):
                w.writerow((repr(float(x1)), repr(float(x2)), int(yv)))
    except OSError as e:
        raise DataError(path, e.strerror or str(e)) from None
