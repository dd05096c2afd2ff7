"""How long `jirga run` takes on the built-in case, end to end and by section.

Run: python benchmarks/bench_run.py   (prints figures; not a test)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from jirga import load_case
    from jirga.report.build import SECTION_MODULES, write_report
    from jirga.report.section import ReportContext

    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "jirga.cli", "run", "--out", tmp],
                           check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
        print(f"jirga run (new process, built-in case): best {min(times):.2f} s of 3 "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
        case = load_case("pakistan-ttp-2022")
        import importlib

        ctx = ReportContext()
        for name in SECTION_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            t0 = time.perf_counter()
            module.build(case, ctx)
            print(f"  section {name.rsplit('.', 1)[-1]:<12} {time.perf_counter() - t0:7.3f} s")
        result = write_report(case, Path(tmp), ReportContext())
        print(f"report size: {result.path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
