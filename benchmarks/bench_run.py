"""How long `jirga run` takes on the built-in case: whole process, and by model and section.

Run: python benchmarks/bench_run.py [BUDGET]   (prints figures; not a test)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(budget: str = "standard") -> None:
    from jirga.analysis.load import load_case
    from jirga.analysis.run import analyse
    from jirga.report.build import build_sections, write_report

    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "jirga", "run", "--out", tmp, "--budget", budget,
                            "--quiet"], check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
        print(f"jirga run --budget {budget} (new process, built-in case): best {min(times):.2f} s "
              f"of 3 (runs: {', '.join(f'{t:.2f}' for t in times)})")
        case = load_case("pakistan-ttp-2022")
        analysis = analyse(case, budget, 0, parallel=False)
        print(f"  analyse, one core: {analysis.seconds:.2f} s")
        for name, outcome in analysis.outcomes().items():
            print(f"    model {name:<11} {outcome.seconds:7.3f} s")
        t0 = time.perf_counter()
        build_sections(analysis)
        print(f"  rendering every section: {time.perf_counter() - t0:.2f} s")
        result = write_report(analysis, Path(tmp))
        print(f"report size: {result.path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(*sys.argv[1:2])
