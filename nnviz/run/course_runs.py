"""The course's three runs on its cat / non-cat data: recognised, with the costs the course prints.

A dataset is the course's when the SHA-256 of its training pictures (uint8 (209, 64, 64, 3), as
stored in train_catvnoncat.h5, whose own SHA-256 nnviz.data.download checks) followed by its labels
(1 byte each, 1 = cat) is COURSE_CONTENT: wherever the file was opened from, and not when the
classes are swapped. Settings are one of the course's runs when the network, initialisation, seed,
learning rate and loss are the run's, full batch and no L2 (either precision).

The costs are the ones the course prints ("Cost after iteration i", every 100 iterations: J(i)
before update i, float64), with its final accuracies (data/README.md of the reference data).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

COURSE_CONTENT = "e052cfb57d77bc7671c38578fb8c1cd12fc0518e20a90f197a2662778ab2d7c5"
COURSE_M = 209


@dataclass(frozen=True)
class CourseRun:
    """One of the course's runs: its settings, printed costs (every `every` iterations from 0)
    and final accuracies (fractions)."""

    name: str
    hidden_layers: tuple[int, ...]
    init: str
    lr: float
    costs: tuple[float, ...]
    train_accuracy: float
    test_accuracy: float
    activation: str = "relu"
    seed: int | None = 1  # None: the initialisation draws nothing
    every: int = 100

    def iterations(self) -> np.ndarray:
        return np.arange(len(self.costs)) * self.every

    def matches(self, cfg) -> bool:
        """True when the TrainConfig `cfg` is this run's settings."""
        return (
            tuple(cfg.hidden_layers) == self.hidden_layers
            and cfg.init == self.init
            and (self.seed is None or cfg.seed == self.seed)
            and float(cfg.lr) == self.lr
            and (not self.hidden_layers or cfg.activation == self.activation)
            and cfg.loss == "cross-entropy"
            and not cfg.l2
            and (cfg.batch_size is None or cfg.batch_size >= COURSE_M)
        )


# fmt: off
RUNS = (
    CourseRun(
        "logistic regression",
        (),
        "zeros",
        0.005,
        (
            0.693147181, 0.584508364, 0.466949041, 0.376006867, 0.331463289, 0.303273067,
            0.279879587, 0.260042137, 0.242940685, 0.228004223, 0.214819514, 0.203078191,
            0.192544277, 0.183033338, 0.174398594, 0.166521397, 0.159304518, 0.152667325,
            0.146542235, 0.140872076,
        ),
        0.9904,
        0.70,
        seed=None,
    ),
    CourseRun(
        "2-layer network",
        (7,),
        "small",
        0.0075,
        (
            0.693049736, 0.646432095, 0.632514065, 0.601502492, 0.560196631, 0.515830477,
            0.475490131, 0.433916315, 0.400797754, 0.358070501, 0.339428154, 0.305275364,
            0.274913773, 0.246817682, 0.19850735, 0.174483181, 0.17080763, 0.113065246,
            0.096294268, 0.08342618, 0.074390787, 0.066307481, 0.059193295, 0.053361403,
            0.048554786,
        ),
        1.00,
        0.72,
    ),
    CourseRun(
        "L-layer network",
        (20, 7, 5),
        "course",
        0.0075,
        (
            0.771749328, 0.67205344, 0.648263205, 0.611506882, 0.567047327, 0.540137663,
            0.527929957, 0.465477377, 0.369125852, 0.391746974, 0.315186989, 0.272699844,
            0.237418534, 0.199601205, 0.189263004, 0.161188547, 0.148213897, 0.137774878,
            0.129740175, 0.121225351, 0.113820607, 0.107839285, 0.102854661, 0.100897454,
            0.092878215,
        ),
        0.9856,
        0.80,
    ),
)
# fmt: on


def content_sha256(raw: np.ndarray | None, Y: np.ndarray) -> str | None:
    """SHA-256 of the training pictures (uint8) then the labels (one byte each); None when the
    dataset has no pictures."""
    if raw is None or np.asarray(raw).dtype != np.uint8:
        return None
    h = hashlib.sha256(np.ascontiguousarray(raw).tobytes())
    h.update(np.asarray(np.asarray(Y) > 0.5, np.uint8).tobytes())
    return h.hexdigest()


def is_course_data(dataset) -> bool:
    """True for the course's training set (see the module docstring)."""
    raw = getattr(dataset, "raw", None)
    if raw is None or np.shape(raw)[0] != COURSE_M:
        return False
    return content_sha256(raw, dataset.Y) == COURSE_CONTENT


def course_run(dataset, config) -> CourseRun | None:
    """The course's run these settings are on this data, or None."""
    if not is_course_data(dataset):
        return None
    return next((r for r in RUNS if r.matches(config)), None)
