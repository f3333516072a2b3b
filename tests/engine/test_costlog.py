"""CostLog behaves like the list of floats it replaces, at 8 bytes a cost."""

import numpy as np
import pytest

from nnviz.engine.costlog import CostLog


def test_behaves_like_a_list():
    log = CostLog([0.5, 0.25])
    log.append(0.125)
    log.extend(np.array([1.0, 2.0]))
    assert len(log) == 5 and log == [0.5, 0.25, 0.125, 1.0, 2.0]
    assert log[-1] == 2.0 and isinstance(log[0], float)
    assert list(log[1:3]) == [0.25, 0.125] and isinstance(log[1:3], CostLog)
    del log[3:]
    assert list(log) == [0.5, 0.25, 0.125]
    log.append(9.0)
    assert np.asarray(log).tolist() == [0.5, 0.25, 0.125, 9.0]
    with pytest.raises(TypeError):
        del log[1:2]


def test_grows_compactly_and_views_are_read_only():
    log = CostLog()
    for i in range(5000):
        log.append(i)
    assert len(log) == 5000 and log[4999] == 4999.0
    assert log.view().nbytes == 5000 * 8
    with pytest.raises(ValueError, match="read-only"):
        log.view()[0] = 1.0
    copy = CostLog(log)
    copy.append(1.0)
    assert len(log) == 5000 and len(copy) == 5001


def test_memory_is_bounded_and_numbering_kept():
    log = CostLog(keep=100)
    for i in range(1000):
        log.append(i)
    assert len(log) == 1000 and 100 <= log.view().size <= 200
    assert log.start == 1000 - log.view().size and log[999] == 999.0
    assert log.get(log.start) == float(log.start) and log.get(log.start - 1) is None
    with pytest.raises(IndexError, match="no cost of iteration 5"):
        log[5]
    its, costs = log.since(990)
    assert its.tolist() == list(range(990, 1000)) and costs.tolist() == its.tolist()
    assert log.since(0)[0][0] == log.start
    log.extend(np.arange(1000, 1350))  # more than `keep` at once
    assert len(log) == 1350 and log.view().size <= 200 and log[-1] == 1349.0
    assert log == list(range(1350))  # the kept costs compared, the rest counted


def test_cut_and_rollback_past_the_kept_costs():
    log = CostLog(keep=10)
    log.extend(np.arange(50.0))
    early = log.cut(5)  # a checkpoint's iteration long gone from the log
    assert len(early) == 5 and early.start == 5 and early.view().size == 0
    early.append(5.0)
    assert early[5] == 5.0 and early == log[:6] == list(range(6))
    beyond = log.cut(60)  # a state from further than the log knows
    assert len(beyond) == 60 and beyond.get(59) is None
    del log[3:]
    assert len(log) == 3 and log.start == 3
