"""`jirga events import DIR|GLOB`: the bulk import's run and report (kept out of
``events_cmds`` so that module only gains a branch)."""

from __future__ import annotations

from pathlib import Path

from jirga.cli.common import console, err_console
from jirga.errors import InputError, Problem


def run_bulk(target: Path, db: Path, format: str | None, case, countries: list[str],
             actors: list[str], skip_bad_rows: bool, executor: str, workers: int | None,
             encoding: str) -> None:
    """Run :func:`jirga.events.bulk.import_bulk` and print what it did; exit 2 if a file failed."""
    from jirga.analysis.executors import executor as open_executor
    from jirga.analysis.executors import parse_spec
    from jirga.events.bulk import VIEW, import_bulk

    spec = parse_spec(executor)
    with open_executor(spec, workers) as ex:
        stats = import_bulk(target, db, format=format, case=case, countries=tuple(countries),
                            actors=tuple(actors), skip_bad_rows=skip_bad_rows, executor=ex,
                            encoding=encoding)
    ok = stats.files - len(stats.failed)
    console.print(f"[green]imported[/] {ok} of {stats.files} file(s) from {target} into {stats.root}: "
                  f"{stats.read:,} rows read, {stats.added:,} added, {stats.duplicates:,} already "
                  f"there; {stats.written} of {stats.partitions} (source, month) partition(s) written "
                  f"in {stats.seconds:.1f} s ({stats.executor}, {stats.workers} worker(s)); "
                  f"query it in {db} as the view {VIEW}", highlight=False)
    if stats.failed:
        for name, reason in stats.failed:
            err_console.print(f"[bold red]not imported[/]: {name}: {reason}", highlight=False)
        raise InputError([Problem(name, None, "", "file not imported (see above)",
                                  "fix the file and run the same command again: what was imported "
                                  "is kept and nothing is added twice", kind="row")
                          for name, _ in stats.failed])
