"""Time the validation of big-but-legal case files (prints figures; not a timed test).

Issue 14 measured a 2,000-actor, 50-issue case at 112 s and 1.6 GB, and 200,000
sources at 110 s. This script builds such files and times :func:`jirga.case.io.parse_case`.

Usage: ``PYTHONPATH=src python benchmarks/bench_case_validation.py [actors] [issues] [sources]``
"""

from __future__ import annotations

import resource
import sys
import time


def big_case(actors: int = 2000, issues: int = 50, sources: int = 10) -> str:
    """YAML text of a legal case with ``actors`` actors, each holding a stance on every issue."""
    out = ["id: big", "title: Big case", "summary: A generated case to time validation.",
           "analysis:", "  principals: [A0, A1]", "  as_of: 2022-12-31", "sources:"]
    out += [f"  - {{id: s{i}, title: Source {i}, published: 2022-01-01}}" for i in range(sources)]
    out.append("actors:")
    for a in range(actors):
        role = "party" if a < 2 else "observer"
        out.append(f"  - {{id: A{a}, name: Actor {a}, kind: other, role: {role}, "
                   f"capability: {{low: 1, mode: 2, high: 3}}, sources: [s{a % sources}]}}")
    out.append("issues:")
    for i in range(issues):
        out += [f"  - id: I{i}", f"    question: Issue {i}?", "    scale: {0: none, 100: full}",
                "    positions:"]
        out += [f"      A{a}: {{position: {{low: 10, mode: 20, high: 30}}, salience: 0.5, "
                f"sources: [s{a % sources}]}}" for a in range(actors)]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> None:
    from jirga.case.io import parse_case

    actors, issues, sources = (int(x) for x in (argv + ["2000", "50", "10"][len(argv):]))
    for label, text in ((f"{actors} actors x {issues} issues", big_case(actors, issues)),
                        (f"{sources:,} sources", big_case(2, 1, sources))):
        t0 = time.perf_counter()
        case = parse_case(text, "big.yaml")
        dt = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: {len(text) / 1e6:.1f} MB of YAML, validated in {dt:.1f} s "
              f"(peak RSS so far {rss:.0f} MB; {len(case.actors)} actors, "
              f"{len(case.sources)} sources)")


if __name__ == "__main__":
    main(sys.argv[1:])
