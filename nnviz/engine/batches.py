"""Which examples each iteration uses: the full batch, or shuffled mini-batches, reproducibly.

With batch_size b < m, an epoch is one permutation of 0..m-1 drawn from a seeded generator
(default_rng([seed, 1])), cut into batches of b (the last one shorter); each batch's indices are
sorted. The state (order, cursor, the generator's state) is part of a TrainerState.
"""

from __future__ import annotations

import numpy as np


class MiniBatches:
    """The batch sequence of one run over m examples. next() -> sorted (k,) indices, or None for
    the full batch; peek() says the same without moving on."""

    def __init__(self, m: int, batch_size: int | None, seed: int) -> None:
        self.m = m
        self.size = None if batch_size is None or batch_size >= m else int(batch_size)
        self.order = np.arange(m)
        self.cursor = m
        self.rng = np.random.default_rng([seed, 1])

    @property
    def full(self) -> bool:
        return self.size is None

    def _take(self, order: np.ndarray, cursor: int) -> np.ndarray:
        assert self.size is not None  # only mini-batches take
        return np.sort(order[cursor : cursor + self.size])

    def next(self) -> np.ndarray | None:
        if self.size is None:
            return None
        if self.cursor >= self.m:
            self.order = self.rng.permutation(self.m)
            self.cursor = 0
        idx = self._take(self.order, self.cursor)
        self.cursor += self.size
        return idx

    def peek(self) -> np.ndarray | None:
        """The indices next() will return, leaving everything (the generator too) as it is."""
        if self.size is None:
            return None
        if self.cursor < self.m:
            return self._take(self.order, self.cursor)
        rng = np.random.Generator(type(self.rng.bit_generator)())
        rng.bit_generator.state = self.rng.bit_generator.state
        return self._take(rng.permutation(self.m), 0)

    def state(self) -> tuple[np.ndarray, int, dict]:
        """(order copy, cursor, generator state copy)."""
        state = dict(self.rng.bit_generator.state)  # a new dict each time
        return self.order.copy(), self.cursor, state

    def restore(self, order: np.ndarray, cursor: int, rng: dict) -> None:
        self.order, self.cursor = order.copy(), int(cursor)
        self.rng.bit_generator.state = rng
