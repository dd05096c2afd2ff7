"""Budgets: how much computing an analysis may spend, as named, frozen presets.

Every command, the report and the workbench take a budget by name, so the same case,
seed, budget and version give the same numbers everywhere (before, `jirga run` and
`jirga ceasefire` ran one calibration with different hidden sizes and disagreed by
weeks). Every output names its budget.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from jirga.errors import InputError, Problem


@dataclass(frozen=True)
class Budget:
    """The sizes of one analysis; ``name`` says which preset (and any override)."""

    name: str
    draws: int                  # Monte Carlo draws: bargaining and the ceasefire forecast
    counterfactual_draws: int   # bargaining mediator scenarios (paired, so few suffice)
    spatial_draws: int          # full spatial runs over the case's ranges
    calibration_sets: int       # parameter sets per calibration round (ceasefire)
    calibration_rounds: int     # adaptive importance-sampling rounds
    backtest_draws: int         # draws per back-test forecast
    backtest_sets: int          # calibration parameter sets per back-test forecast
    backtest_reps: int          # simulations per parameter set in back-test calibration
    rounds: int = 10            # bargaining rounds

    def with_draws(self, draws: int | None) -> Budget:
        """This budget with another draw count (named ``standard+draws=5000``)."""
        if draws is None or draws == self.draws:
            return self
        return replace(self, name=f"{self.name.split('+')[0]}+draws={draws}", draws=draws)

    def cost(self, actors: int, issues: int) -> float:
        """A rough relative cost (draws × actors² × issues × rounds + calibration), for warnings."""
        return (self.draws * actors ** 2 * max(issues, 1) * self.rounds
                + self.calibration_sets * self.calibration_rounds * 32 * 104)

    def describe(self) -> str:
        return (f"budget {self.name}: {self.draws:,} draws, {self.calibration_sets:,} parameter "
                f"sets × {self.calibration_rounds} calibration rounds")

    def to_dict(self) -> dict:
        return asdict(self)


BUDGETS: dict[str, Budget] = {
    "quick": Budget("quick", draws=300, counterfactual_draws=200, spatial_draws=10,
                    calibration_sets=256, calibration_rounds=2, backtest_draws=300,
                    backtest_sets=256, backtest_reps=8),
    "standard": Budget("standard", draws=1000, counterfactual_draws=300, spatial_draws=30,
                       calibration_sets=1024, calibration_rounds=2, backtest_draws=1000,
                       backtest_sets=512, backtest_reps=16),
    "thorough": Budget("thorough", draws=4000, counterfactual_draws=1000, spatial_draws=100,
                       calibration_sets=4096, calibration_rounds=3, backtest_draws=1000,
                       backtest_sets=1024, backtest_reps=24),
}
DEFAULT_BUDGET = "standard"


def get_budget(budget: str | Budget = DEFAULT_BUDGET, draws: int | None = None) -> Budget:
    """A preset by name (or a Budget as is), optionally with another draw count."""
    if isinstance(budget, Budget):
        return budget.with_draws(draws)
    if budget not in BUDGETS:
        import difflib

        close = difflib.get_close_matches(budget, list(BUDGETS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise InputError([Problem("--budget", None, "budget", f"unknown budget '{budget}'",
                                  f"{hint}use one of: {', '.join(BUDGETS)}")])
    return BUDGETS[budget].with_draws(draws)
