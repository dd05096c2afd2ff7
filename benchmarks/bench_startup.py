"""Start-up time of the command line, whole process (Python start, imports, the command).

Prints the minimum, median and maximum wall and CPU time over N runs for `jirga --help`,
`jirga validate` on the built-in case and `python -c "import jirga"`. CPU time (user+sys of
the child) is the steadier figure on a shared machine; wall time is what a user waits.

    python benchmarks/bench_startup.py [N]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "jirga --help": [sys.executable, "-m", "jirga", "--help"],
    "jirga validate pakistan-ttp-2022": [sys.executable, "-m", "jirga", "validate",
                                         "pakistan-ttp-2022"],
    "python -c 'import jirga'": [sys.executable, "-c", "import jirga"],
}


def _once(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "COLUMNS": "100"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(n: int = 7) -> None:
    print(f"start-up, {n} runs each after one warm-up (seconds: min / median / max)")
    for name, cmd in COMMANDS.items():
        _once(cmd)
        runs = [_once(cmd) for _ in range(n)]
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        print(f"  {name:36s} wall {min(walls):.2f} / {statistics.median(walls):.2f} / "
              f"{max(walls):.2f}   cpu {min(cpus):.2f} / {statistics.median(cpus):.2f} / "
              f"{max(cpus):.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
