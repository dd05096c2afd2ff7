"""Bargaining engine 2: the multi-dimensional spatial model with probabilistic Condorcet elections.

Every actor has a capability and, on every issue (dimension), a position and a
salience. Each turn, every actor estimates which challenge would pay it most,
proposes a bargain to that target, and every actor then adopts the bargain in
its queue that a probabilistic Condorcet election among all actors favours.
Issues are traded against each other through the salience-weighted distance.
The model and its defaults are KTAB's ``smpc`` (see ``docs/spatial-model.md``);
on KTAB's own data sets jirga reproduces its positions turn by turn.

>>> from jirga.case.formats.ktab import read_ktab_csv
>>> from jirga.models.spatial.engine import run_spatial
>>> res = run_spatial(read_ktab_csv("../shared/refdata/dummyData_3Dim.csv"))  # doctest: +SKIP
>>> res.summary()  # doctest: +SKIP

Inputs: a :class:`~jirga.case.schema.Case` (estimates' modes are used), a
:class:`~jirga.case.formats.ktab.KtabScenario`, or :class:`SpatialInput` arrays.
Pure numerics, no I/O: files are read at the boundary (``jirga.case.io``,
``jirga.case.formats.ktab``).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jirga.case.formats.ktab import KtabScenario, case_to_ktab, display_names
from jirga.models.results import ResultBase, summary_frame
from jirga.models.seeds import child_seed
from jirga.models.spatial import core
from jirga.models.spatial.core import Options
from jirga.plotting import LIGHT

__all__ = [
    "KTAB_SEED", "Options", "SpatialInput", "SpatialResult", "run_spatial", "run_spatial_draws",
    "spatial_input",
]

KTAB_SEED = 0xD67CC16FE69C185C  # KTAB's default seed (15455440707583219804)
MIN_TURNS = 2
STOP_RATIO = 0.02
STOP_FLOOR = 1e-4


@dataclass
class SpatialInput:
    """Arrays for the model: capability (na,), position (na, nd) 0–100, salience (na, nd) 0–1."""

    actors: list[str]
    dims: list[str]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray
    names: list[str] | None = None
    title: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.capability = np.asarray(self.capability, dtype=float).reshape(-1)
        self.position = np.asarray(self.position, dtype=float)
        self.salience = np.asarray(self.salience, dtype=float)
        na = self.capability.size
        if self.position.ndim == 1:
            self.position = self.position[:, None]
        if self.salience.ndim == 1:
            self.salience = self.salience[:, None]
        shape = (na, len(self.dims))
        if self.position.shape != shape or self.salience.shape != shape:
            raise ValueError(
                f"expected position and salience of shape ({na}, {len(self.dims)}), got "
                f"{self.position.shape} and {self.salience.shape}")
        if len(self.actors) != na:
            raise ValueError(f"{len(self.actors)} actor names for {na} capabilities")
        if na < 2:
            raise ValueError("the model needs at least two actors")
        if (self.capability < 0).any() or not np.isfinite(self.capability).all():
            raise ValueError("capabilities must be finite and >= 0")
        if self.capability.sum() <= 0:
            raise ValueError("at least one actor needs a positive capability")
        if ((self.position < 0) | (self.position > 100)).any():
            raise ValueError("positions must lie between 0 and 100")
        if ((self.salience < 0) | (self.salience > 1)).any():
            raise ValueError("saliences must lie between 0 and 1")
        if (self.salience.sum(axis=1) > 1 + 1e-9).any():
            raise ValueError("each actor's saliences must add up to at most 1")
        if self.names is None:
            self.names = list(self.actors)


def spatial_input(data: Any, issues: list[str] | None = None) -> SpatialInput:
    """Build :class:`SpatialInput` from a case, a KTAB scenario or arrays (no file I/O)."""
    if isinstance(data, SpatialInput):
        return data
    if isinstance(data, str | Path):
        raise TypeError(
            f"run_spatial takes data, not a path ({data}); read it first with "
            "jirga.case.formats.ktab.read_ktab_csv (KTAB CSV) or jirga.case.io.load_case (case)")
    if not isinstance(data, KtabScenario):
        from jirga.case.schema import Case

        if not isinstance(data, Case):
            raise TypeError(f"expected a Case, KtabScenario or SpatialInput, got {type(data)}")
        data = case_to_ktab(data, issues)
    return SpatialInput(
        actors=list(data.actors), dims=list(data.dims), capability=data.power,
        position=data.position, salience=data.salience / 100.0, names=display_names(data),
        title=data.name, notes=list(data.notes),
    )


@dataclass
class SpatialResult(ResultBase):
    """Positions of every actor on every dimension per turn, and what drove them.

    Arrays are indexed ``[turn, actor(, dim)]``; turn 0 is the input state.
    """

    actors: list[str]
    names: list[str]
    dims: list[str]
    capability: np.ndarray
    salience: np.ndarray  # (na, nd), 0–1
    positions: np.ndarray  # (T+1, na, nd), 0–100
    win_prob: np.ndarray  # (T+1, na): probability that the actor's position wins
    risk: np.ndarray  # (T+1, na): inferred risk attitude
    target: np.ndarray  # (T, na): whom each actor challenged (-1: nobody)
    target_prob: np.ndarray  # (T, na): challenger's estimate that it prevails
    adopted_from: np.ndarray  # (T, na): initiator of the adopted bargain (-1: status quo)
    stop_reason: str
    options: Options
    seed: int | None
    elapsed: float
    title: str = ""
    notes: list[str] = field(default_factory=list)

    # ---- basic facts ------------------------------------------------------------------
    @property
    def turns(self) -> int:
        """Number of turns run (states minus one)."""
        return self.positions.shape[0] - 1

    @property
    def final(self) -> np.ndarray:
        """Final positions (na, nd), 0–100."""
        return self.positions[-1]

    def index(self, actor: str) -> int:
        try:
            return self.actors.index(actor)
        except ValueError:
            raise KeyError(f"no actor {actor!r}; known: {', '.join(self.actors)}") from None

    def distance(self, a: str, b: str, turn: int = -1) -> float:
        """Euclidean distance (0–100 scale) between two actors' positions at ``turn``."""
        x = self.positions[turn]
        return float(np.linalg.norm(x[self.index(a)] - x[self.index(b)]))

    # ---- frames -----------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """Where each issue ends: the capability×salience-weighted mean of the final positions."""
        k = self.ktab_summary()
        last = k[k.turn == k.turn.max()]
        rows = [{"measure": f"final weighted mean on {r.dim}", "value": r.mean_cap_sal_weighted,
                 "low": r.min, "high": r.max, "unit": "position (0–100)"} for r in last.itertuples()]
        rows.append({"measure": "turns", "value": self.turns, "unit": "turns"})
        return summary_frame(rows)

    def ktab_summary(self) -> pd.DataFrame:
        """Per turn and dimension: mean, median, capability- and capability×salience-weighted
        means, min and max of the positions (the columns of KTAB's summary)."""
        rows = []
        c = self.capability
        for t in range(self.positions.shape[0]):
            for k, dim in enumerate(self.dims):
                x = self.positions[t, :, k]
                cs = c * self.salience[:, k]
                rows.append({
                    "turn": t, "dim": dim, "mean": x.mean(), "median": float(np.median(x)),
                    "mean_cap_weighted": float((c * x).sum() / c.sum()) if c.sum() > 0 else np.nan,
                    "mean_cap_sal_weighted": float((cs * x).sum() / cs.sum())
                    if cs.sum() > 0 else np.nan,
                    "min": x.min(), "max": x.max(),
                })
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Long frame: one row per (turn, actor, dim) with position, win probability and risk."""
        T1, na, nd = self.positions.shape
        t, a, k = np.meshgrid(np.arange(T1), np.arange(na), np.arange(nd), indexing="ij")
        return pd.DataFrame({
            "turn": t.ravel(), "actor": np.array(self.actors)[a.ravel()],
            "dim": np.array(self.dims)[k.ravel()], "position": self.positions.ravel(),
            "win_prob": self.win_prob[t.ravel(), a.ravel()],
            "risk": self.risk[t.ravel(), a.ravel()],
        })

    def final_frame(self) -> pd.DataFrame:
        """One row per actor: start and final position per dimension, final win probability."""
        out = pd.DataFrame({"actor": self.actors, "name": self.names,
                            "capability": self.capability})
        for k, dim in enumerate(self.dims):
            out[f"{dim} start"] = self.positions[0, :, k]
            out[f"{dim} final"] = self.positions[-1, :, k]
        out["win_prob"] = self.win_prob[-1]
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "title": self.title, "actors": self.actors, "names": self.names, "dims": self.dims,
            "turns": self.turns, "stop_reason": self.stop_reason, "seed": self.seed,
            "options": asdict(self.options), "elapsed_s": round(self.elapsed, 4),
            "capability": self.capability.tolist(), "salience": self.salience.tolist(),
            "positions": np.round(self.positions, 6).tolist(),
            "win_prob": np.round(self.win_prob, 6).tolist(),
            "risk": np.round(self.risk, 6).tolist(),
            "target": self.target.tolist(), "notes": self.notes,
        }

    def __repr__(self) -> str:
        return (f"<SpatialResult {len(self.actors)} actors × {len(self.dims)} dims, "
                f"{self.turns} turns ({self.stop_reason})>")

    # ---- plots ------------------------------------------------------------------------
    def plot(self, dims: list[str] | None = None, actors: list[str] | None = None,
             labels: dict[str, str] | None = None, palette: list[str] | None = None):
        """Plotly figure: each actor's position per turn, one panel per dimension.

        ``labels`` maps dimension ids to panel titles (e.g. issue questions);
        ``palette`` gives each actor one colour across the panels.
        """
        from html import escape

        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        dims = dims or self.dims
        show = actors or self.actors
        fig = make_subplots(rows=len(dims), cols=1, shared_xaxes=True,
                            subplot_titles=[escape(str((labels or {}).get(d, d))) for d in dims],
                            vertical_spacing=min(0.08, 0.5 / max(1, len(dims))))
        turns = np.arange(self.positions.shape[0])
        palette = palette or ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                              "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        for r, dim in enumerate(dims):
            k = self.dims.index(dim)
            for n, a in enumerate(show):
                i = self.index(a)
                fig.add_trace(go.Scatter(
                    x=turns, y=self.positions[:, i, k], mode="lines+markers",
                    name=escape(self.names[i]), legendgroup=a, showlegend=(r == 0),
                    line={"color": palette[n % len(palette)], "width": 1.5},
                    marker={"size": 4},
                    hovertemplate=f"{escape(self.names[i])}<br>turn %{{x}}<br>"
                                  f"{escape(str((labels or {}).get(dim, dim)))}: %{{y:.2f}}"
                                  "<extra></extra>",
                ), row=r + 1, col=1)
            fig.update_yaxes(range=[-2, 102], title_text="position", row=r + 1, col=1)
        fig.update_xaxes(title_text="turn", row=len(dims), col=1)
        fig.update_layout(height=260 * len(dims) + 80, margin={"l": 50, "r": 20, "t": 40, "b": 40},
                          title=escape(self.title) or None, template=LIGHT)
        return fig

    def plot_win_prob(self, actors: list[str] | None = None):
        """Plotly figure: probability that each actor's position wins, per turn."""
        from html import escape

        import plotly.graph_objects as go

        fig = go.Figure()
        turns = np.arange(self.positions.shape[0])
        for a in actors or self.actors:
            i = self.index(a)
            fig.add_trace(go.Scatter(x=turns, y=self.win_prob[:, i], mode="lines+markers",
                                     name=escape(self.names[i]), marker={"size": 4}))
        fig.update_layout(xaxis_title="turn", yaxis_title="P(position wins)",
                          yaxis_range=[0, 1], template=LIGHT, height=320,
                          margin={"l": 50, "r": 20, "t": 30, "b": 40})
        return fig


def run_spatial(
    data: Any,
    *,
    seed: int | None = None,
    max_turns: int = 100,
    options: Options | None = None,
    issues: list[str] | None = None,
    **variants: str,
) -> SpatialResult:
    """Run the spatial model until positions settle or ``max_turns`` is reached.

    ``data``: a case, a KTAB scenario or :class:`SpatialInput`.
    ``seed``: only used by ``transition='stochastic'`` (default: KTAB's seed).
    ``options`` / ``variants``: model variants, e.g. ``voting_rule='binary'``,
    ``pce='markov_uniform'``, ``transition='stochastic'`` (see :class:`Options`).

    Stopping rule (KTAB's): stop after turn ``t`` when ``t >= max_turns``, or when
    ``t >= 2`` and the total movement in turn ``t`` is below 2% of the first
    turn's (``D(t-1, t) / (D(0, 1) + 1e-4) < 0.02``, ``D`` = sum of actors'
    Euclidean moves on the 0–1 scale).
    """
    if max_turns < 1:
        raise ValueError("max_turns must be at least 1")
    opts = options or Options()
    if variants:
        opts = Options(**{**asdict(opts), **variants})
    inp = spatial_input(data, issues)
    seed = KTAB_SEED if seed is None else int(seed)
    rng = np.random.default_rng(seed) if opts.transition == "stochastic" else None
    cap = inp.capability
    sal = inp.salience
    pos = inp.position / 100.0
    hist = [pos]
    risks, wins, targets, tprobs, adopted = [], [], [], [], []
    t0 = time.perf_counter()
    reason = f"reached max_turns={max_turns}"
    t = 0
    while True:
        a, d = core.assess(pos, cap, sal, opts)
        risks.append(a.risk)
        wins.append(a.win_prob)
        targets.append(a.target)
        tprobs.append(np.where(a.target >= 0, a.p_target, np.nan))
        pos, chosen = core.move(pos, cap, sal, d, a, opts, rng)
        adopted.append(chosen)
        hist.append(pos)
        t += 1
        first = core.state_distance(hist[0], hist[1]) + STOP_FLOOR
        last = core.state_distance(hist[-2], hist[-1])
        if t >= MIN_TURNS and last / first < STOP_RATIO:
            reason = f"settled: turn {t} moved {last / first:.2%} of turn 1's movement (< 2%)"
            break
        if t >= max_turns:
            break
    a, _ = core.assess(pos, cap, sal, opts, with_challenges=False)
    risks.append(a.risk)
    wins.append(a.win_prob)
    elapsed = time.perf_counter() - t0
    return SpatialResult(
        actors=list(inp.actors), names=list(inp.names or inp.actors), dims=list(inp.dims),
        capability=cap.copy(), salience=sal.copy(), positions=np.array(hist) * 100.0,
        win_prob=np.array(wins), risk=np.array(risks), target=np.array(targets),
        target_prob=np.array(tprobs), adopted_from=np.array(adopted), stop_reason=reason,
        options=opts, seed=seed, elapsed=elapsed, title=inp.title, notes=list(inp.notes),
    )


@dataclass
class SpatialDraws(ResultBase):
    """The spatial model over draws of the case's ranges: final positions per draw."""

    frame: pd.DataFrame  # one row per (draw, actor, dim): position, turns
    title = "spatial model over the case's ranges"

    @property
    def draws(self) -> int:
        return int(self.frame.draw.nunique()) if not self.frame.empty else 0

    def summary(self) -> pd.DataFrame:
        """Per actor and issue: the median final position with its 10–90% range over draws."""
        g = self.frame.groupby(["actor", "dim"], sort=False).position
        q = g.quantile([0.1, 0.5, 0.9]).unstack()
        return summary_frame([{"measure": f"{a} on {d}", "value": r[0.5], "low": r[0.1],
                               "high": r[0.9], "unit": "position (0–100)"}
                              for (a, d), r in q.iterrows()])

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def plot(self):
        """Final positions over draws, one box per actor and issue (plotly)."""
        import plotly.graph_objects as go

        fig = go.Figure()
        for dim, sub in self.frame.groupby("dim", sort=False):
            fig.add_trace(go.Box(x=sub.actor, y=sub.position, name=str(dim)))
        fig.update_layout(title=f"Final positions over {self.draws} draws", boxmode="group",
                          yaxis_title="position (0–100)", template=LIGHT)
        return fig


def run_spatial_draws(
    case: Any,
    draws: int = 100,
    *,
    seed: int | None = None,
    issues: list[str] | None = None,
    max_turns: int = 100,
    options: Options | None = None,
) -> SpatialDraws:
    """Run the model on ``draws`` samples of the case's ranges (capability, position, salience).

    Each estimate ``{low, mode, high}`` is drawn from its Beta-PERT distribution;
    the gaps and salience budgets are handled as in
    :func:`~jirga.case.formats.ktab.case_to_ktab`. Returns one row per (draw,
    actor, dim) with the final ``position`` and the run's ``turns``, as a
    :class:`SpatialDraws` result.
    """
    from jirga.vocab.estimates import sample_estimates

    base = case_to_ktab(case, issues)
    ids, dims = base.actors, base.dims
    na, nd = len(ids), len(dims)
    lo = {k: np.zeros((na, nd)) for k in ("pos", "sal")}
    mo = {k: np.zeros((na, nd)) for k in ("pos", "sal")}
    hi = {k: np.zeros((na, nd)) for k in ("pos", "sal")}
    have = np.zeros((na, nd), dtype=bool)
    for k, dim in enumerate(dims):
        iss = case.issue(dim)
        for i, aid in enumerate(ids):
            st = iss.positions.get(aid)
            if st is None:
                continue
            have[i, k] = True
            for key, est in (("pos", st.position), ("sal", st.salience)):
                lo[key][i, k], mo[key][i, k], hi[key][i, k] = est.low, est.mode, est.high
    actors = [case.actor(a) for a in ids]
    if all("ktab_power" in a.parameters for a in actors):
        caps = [a.parameters["ktab_power"] for a in actors]
    else:
        caps = [a.capability for a in actors]
    c_lo, c_mo, c_hi = (np.array([getattr(c, f) for c in caps]) for f in ("low", "mode", "high"))
    rng = np.random.default_rng(KTAB_SEED if seed is None else seed)
    cap = sample_estimates(c_lo, c_mo, c_hi, draws, rng)
    pos = sample_estimates(lo["pos"], mo["pos"], hi["pos"], draws, rng)
    sal = sample_estimates(lo["sal"], mo["sal"], hi["sal"], draws, rng)
    sal = np.where(have, sal, 0.0)
    w = cap[:, :, None] * have
    tot_w = w.sum(axis=1, keepdims=True)
    fill = np.where(tot_w > 0, (w * pos).sum(axis=1, keepdims=True) / np.where(tot_w > 0, tot_w, 1),
                    50.0)
    pos = np.where(have, pos, fill)
    top = sal.sum(axis=2).max(axis=1)[:, None, None]  # largest total attention, per draw
    sal = np.where(top > 1.0, sal / np.where(top > 0, top, 1.0), sal)
    frames = []
    for r in range(draws):
        inp = SpatialInput(actors=list(ids), dims=list(dims), capability=cap[r],
                           position=np.clip(pos[r], 0, 100), salience=np.clip(sal[r], 0, 1))
        res = run_spatial(inp, max_turns=max_turns, options=options,
                          seed=None if seed is None else child_seed(seed, "spatial", "draw", r))
        frames.append(pd.DataFrame({
            "draw": r, "actor": np.repeat(ids, nd), "dim": np.tile(dims, na),
            "position": res.final.ravel(), "turns": res.turns,
        }))
    return SpatialDraws(pd.concat(frames, ignore_index=True))
