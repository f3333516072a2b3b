"""The run record's history (Qt-free): bounded, thinned like TensorBoard's, exact at both ends."""

from __future__ import annotations

import numpy as np

from nnviz.engine.evaluation import Evaluation
from nnviz.engine.trainer import TrainConfig
from nnviz.run.history import CostHistory, EvaluationHistory
from nnviz.run.record import RunRecord


def test_cost_history_keeps_every_iteration_while_it_fits():
    h = CostHistory(capacity=1000)
    h.extend(np.arange(500), np.linspace(1, 0.5, 500))
    its, J = h.arrays()
    assert np.array_equal(its, np.arange(500)) and h.at(499) == J[-1]
    assert h.at(500) is None


def test_cost_history_stays_bounded_however_long_a_run_goes():
    h = CostHistory(capacity=1000)
    for start in range(0, 1_000_000, 5000):
        its = np.arange(start, start + 5000)
        h.extend(its, 1.0 / (1 + its))
    assert len(h) <= 1000 and h.nbytes <= 16 * 10_000  # capacity and one batch
    its, J = h.arrays()
    assert its[0] == 0 and its[-1] == 999_999  # the start and the newest stay
    assert np.all(np.diff(its) > 0) and np.allclose(J, 1.0 / (1 + its))


def test_history_truncates_on_a_branch_and_replaces_a_resent_tail():
    h = CostHistory()
    h.extend(np.arange(10), np.arange(10.0))
    h.truncate(4)
    assert h.last_iteration == 4
    h.extend(np.arange(3, 6), np.array([30.0, 40.0, 50.0]))
    assert h.at(3) == 30.0 and h.last_iteration == 5


def test_evaluations_are_bounded_and_found_by_iteration():
    e = EvaluationHistory(capacity=100)
    for i in range(1000):
        e.add(Evaluation(i, 0.5, 0.6, None))
    assert len(e.items) <= 100 and e.latest().iteration == 999
    assert e.at(999).train_accuracy == 0.6
    a = e.array()
    assert a.shape[0] == 4 and np.isnan(a[3]).all()
    assert EvaluationHistory.from_array(a)[-1].test_accuracy is None


def test_record_tells_its_listeners_and_counts_progress():
    r = RunRecord(TrainConfig())
    told = []
    r.listen(lambda event, detail: told.append(event))
    r.add_costs(np.arange(3), np.array([0.7, 0.6, 0.5]))
    assert r.J(1) == 0.6 and not r.progressed()
    r.branch(1)
    assert told == ["costs", "branched"] and r.costs.last_iteration == 1
    r.reset(TrainConfig(lr=0.1))
    assert len(r.costs) == 0 and r.config.lr == 0.1 and told[-1] == "reset"
