"""Uncertain estimates: a number, or a range ``{low, mode, high}``.

Every judgement in a case (a capability, a position, a salience, a model
parameter) is an :class:`Estimate`. A plain number is a degenerate range with
``low == mode == high``; the models sample ranges, so the width of a range is
how an analyst states uncertainty.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator

if TYPE_CHECKING:
    import numpy as np


class Estimate(BaseModel):
    """A point or a triangular/PERT range; written in YAML as ``7`` or ``{low: 5, mode: 7, high: 9}``.

    ``mode`` may be left out, in which case it is the midpoint of ``low`` and
    ``high``. ``low <= mode <= high`` is enforced at load time so the models
    never see an impossible range.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float
    mode: float
    high: float

    @model_validator(mode="before")
    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number or a range {low, mode, high}, got a yes/no value")
        if isinstance(value, int | float):
            return {"low": value, "mode": value, "high": value}
        if isinstance(value, list | tuple) and len(value) in (2, 3):
            keys = ("low", "high") if len(value) == 2 else ("low", "mode", "high")
            value = dict(zip(keys, value, strict=True))
        if isinstance(value, dict):
            value = dict(value)
            if "mode" not in value and "low" in value and "high" in value:
                try:
                    value["mode"] = (float(value["low"]) + float(value["high"])) / 2
                except (TypeError, ValueError):
                    pass
            return value
        if isinstance(value, Estimate):
            return value
        raise ValueError(
            "expected a number (e.g. 40) or a range {low: 30, mode: 40, high: 55}"
        )

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        for name in ("low", "mode", "high"):
            if not math.isfinite(getattr(self, name)):
                raise ValueError(f"{name} must be a finite number")
        if not self.low <= self.mode <= self.high:
            raise ValueError(
                f"range is out of order: low={self.low:g}, mode={self.mode:g}, high={self.high:g}"
                "\nfix: write it so that low <= mode <= high"
            )
        return self

    @model_serializer
    def _serialise(self) -> float | dict[str, float]:
        if self.is_point:
            return self.mode
        return {"low": self.low, "mode": self.mode, "high": self.high}

    @property
    def is_point(self) -> bool:
        """True when the analyst gave a single number rather than a range."""
        return self.low == self.mode == self.high

    @property
    def mean(self) -> float:
        """Mean of the triangular distribution on this range."""
        return (self.low + self.mode + self.high) / 3.0

    def check_within(self, lo: float, hi: float) -> str | None:
        """Return a message when the range leaves ``[lo, hi]``, else ``None``."""
        if self.low < lo or self.high > hi:
            got = f"{self.mode:g}" if self.is_point else f"{self.low:g}..{self.high:g}"
            return f"expected values between {lo:g} and {hi:g}, got {got}"
        return None

    def __str__(self) -> str:
        if self.is_point:
            return f"{self.mode:g}"
        return f"{self.mode:g} ({self.low:g}–{self.high:g})"


def sample_estimates(
    lows: np.ndarray,
    modes: np.ndarray,
    highs: np.ndarray,
    n: int,
    rng: np.random.Generator,
    kind: str = "pert",
) -> np.ndarray:
    """Draw ``n`` samples for every range at once; returns shape ``(n, *lows.shape)``.

    Vectorised over draws and ranges (no Python loop), so Monte Carlo runs of
    thousands of draws stay cheap. ``kind`` is ``"pert"`` (Beta-PERT, lambda=4,
    puts less weight in the tails than the triangle) or ``"triangular"``.
    Degenerate ranges (low == high) return the point exactly.
    """
    import numpy as np

    lows = np.asarray(lows, dtype=float)
    modes = np.asarray(modes, dtype=float)
    highs = np.asarray(highs, dtype=float)
    width = highs - lows
    safe = np.where(width > 0, width, 1.0)
    shape = (n, *lows.shape)
    if kind == "triangular":
        u = rng.random(shape)
        c = (modes - lows) / safe
        left = u < c
        x = np.where(
            left,
            np.sqrt(u * np.where(c > 0, c, 1.0)),
            1.0 - np.sqrt((1.0 - u) * (1.0 - c)),
        )
        x = np.where(c > 0, x, 1.0 - np.sqrt(1.0 - u))
    elif kind == "pert":
        alpha = 1.0 + 4.0 * (modes - lows) / safe
        beta = 1.0 + 4.0 * (highs - modes) / safe
        x = rng.beta(np.broadcast_to(alpha, shape), np.broadcast_to(beta, shape))
    else:
        raise ValueError(f"unknown distribution {kind!r}; use 'pert' or 'triangular'")
    out = lows + x * width
    return np.where(width > 0, out, lows)
