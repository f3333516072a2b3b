"""The cost plot's stepped ranges and hover text: pure functions, no Qt."""

import math

import numpy as np

from nnviz.ui.plots.ranges import Follower, nice_ceil, x_range, y_range
from nnviz.ui.plots.readout import readout_at


def test_nice_ceil_steps_by_about_a_quarter():
    assert [nice_ceil(v) for v in (0.9, 1.0, 1.1, 1.3, 2.2, 7, 9.5, 11)] == [
        1.0, 1.0, 1.25, 1.5, 2.5, 8.0, 10.0, 12.5,
    ]  # fmt: skip
    assert nice_ceil(0) == 0.0 and nice_ceil(math.nan) == 0.0
    assert math.isclose(nice_ceil(0.0072), 0.008)


def test_ranges_change_rarely_while_a_run_grows():
    xs = {x_range(i) for i in range(5000)}
    assert len(xs) <= 20  # 5000 batches would otherwise mean 5000 axis redraws
    assert all(lo == 0 and hi > 0 for lo, hi in xs) and x_range(4999)[1] >= 4999
    assert y_range(0.05, 0.69, log=False) == (0.0, 0.8)
    lo, hi = y_range(0.004, 0.69, log=True)
    assert lo <= math.log10(0.004) and hi >= math.log10(0.69) and (2 * lo).is_integer()


def test_follower_applies_only_changes_and_stops_for_the_user():
    applied = []
    f = Follower(lambda x, y: applied.append((x, y)))
    f.widen(np.array([0.7, np.nan, np.inf, 0.6]))
    for last in range(400):
        f.fit(last, log=False)
    assert len(applied) <= 10 and applied[-1] == ((0.0, 500.0), (0.0, 0.8))  # 400 fits
    f.stop()  # the user zoomed
    f.fit(10_000, log=False)
    assert applied[-1][0] == (0.0, 500.0)
    f.resume()
    f.fit(10_000, log=False)
    assert applied[-1][0][1] >= 10_000


def test_readout_text_names_the_nearest_iteration_and_its_evaluation():
    its = np.arange(0.0, 10.0)
    e = [np.array([4.0]), np.array([0.5]), np.array([0.9]), np.array([np.nan])]
    assert readout_at(6.4, its, its / 10, *e) == (
        6,
        "iteration 6 · cost 0.6000 (test 0.50) · acc 90 % / –",
    )
    assert readout_at(2.0, its, its / 10, *e) == (2, "iteration 2 · cost 0.2000")
    assert readout_at(1.0, its[:0], its[:0], *e) is None
