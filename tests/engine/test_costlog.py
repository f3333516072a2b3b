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
