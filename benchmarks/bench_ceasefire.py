"""Ceasefire model figures: simulation speed, calibration time, back-test Brier scores.

Run: PYTHONPATH=src python benchmarks/bench_ceasefire.py   (prints figures; not a test)

Targets (issue 5): 10,000 draws × 104 weeks in ≤ 1 s; calibration on the
built-in case in ≤ 60 s. The machine is shared, so each timing is repeated and
the best is reported.
"""

from __future__ import annotations

import time


def best_of(fn, repeat: int) -> tuple[float, list[float], object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), times, out


def main() -> None:
    from jirga import load_case
    from jirga.models.ceasefire.engine import simulate, talks_gaps
    from jirga.models.ceasefire.backtest import backtest
    from jirga.models.ceasefire.calibration import calibrate
    from jirga.models.ceasefire.params import inputs_from_case

    case = load_case("pakistan-ttp-2022")
    inputs = inputs_from_case(case)
    draws = 10_000
    talks = talks_gaps(case, inputs.state, inputs.group, draws, 0)

    best, times, res = best_of(lambda: simulate(inputs, talks, draws=draws, seed=0, weeks=104),
                               repeat=5)
    print(f"simulate: {draws:,} draws × 104 weeks (with trajectories): best {best:.3f} s of 5 "
          f"({', '.join(f'{t:.3f}' for t in times)}) — target ≤ 1 s")
    best, times, _ = best_of(lambda: simulate(inputs, talks, draws=draws, seed=0, weeks=104,
                                              keep_paths=False), repeat=5)
    print(f"simulate without trajectories: best {best:.3f} s of 5")

    best, times, cal = best_of(lambda: calibrate(case), repeat=2)
    print(f"calibration (built-in case, {len(cal.weights)} parameter sets × 32 truces, "
          f"3 rounds): best {best:.1f} s of 2 ({', '.join(f'{t:.1f}' for t in times)}) "
          f"— target ≤ 60 s; ESS {cal.ess:.0f}")
    print(cal.text())

    best, times, bt = best_of(lambda: backtest(case), repeat=1)
    s = bt.scores()
    print(f"back-test: {s['forecasts']} forecasts, {s['events']} breakdowns within 90 days; "
          f"{best:.1f} s")
    print(bt.text())
    print(f"Brier: model {s['brier_model']:.3f} | ETH/PRIO reference class "
          f"{s['brier_reference_class']:.3f} | always 50% {s['brier_coin']:.3f} | "
          f"skill vs reference class {s['skill_vs_reference_class']:+.2f}")


if __name__ == "__main__":
    main()
