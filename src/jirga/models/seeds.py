"""One seed policy for every model: named streams spawned from the run's seed.

A run has one integer seed. Each random stream a model needs (sampling the case's
ranges, calibration round 2, a bootstrap…) is derived from it with
:class:`numpy.random.SeedSequence` and a *name*, never with ad-hoc offsets such as
``seed + 17``: offsets collide (stream ``seed + 1`` of run 0 is stream ``seed`` of run 1)
and say nothing about what they feed. Same seed and name → same stream, everywhere.
"""

from __future__ import annotations

import zlib

import numpy as np


def _key(names: tuple[str | int, ...]) -> tuple[int, ...]:
    return tuple(n if isinstance(n, int) else zlib.crc32(str(n).encode("utf-8")) for n in names)


def seed_sequence(seed: int, *names: str | int) -> np.random.SeedSequence:
    """The :class:`~numpy.random.SeedSequence` of the stream ``names`` under ``seed``."""
    return np.random.SeedSequence(entropy=int(seed), spawn_key=_key(names))


def stream(seed: int, *names: str | int) -> np.random.Generator:
    """A generator for the named stream, e.g. ``stream(seed, "calibration", "design")``."""
    return np.random.default_rng(seed_sequence(seed, *names))


def child_seed(seed: int, *names: str | int) -> int:
    """An integer seed for the named stream, for functions that take an ``int`` seed."""
    return int(seed_sequence(seed, *names).generate_state(1, dtype=np.uint32)[0])
