"""Event commands: `jirga events import|list|export` and `jirga extract`."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from jirga.cli.common import app, console, err_console
from jirga.cli.options import quiet_option, shows_progress
from jirga.cli.tables import (
    compact,
    fixed,
    longest,
    longest_word,
    short_name,
    shorten,
    text_column,
    unbroken_words,
)
from jirga.errors import InputError, Problem
from jirga.paths import check_output, write_atomic
from jirga.vocab.format import plural

events_app = typer.Typer(
    help="Import event data sets (ACLED, UCDP GED, GDELT, jirga CSV) into a DuckDB store, "
    "list and export them.\n\n"
    "Examples:\n\n"
    "- `jirga events import acled.csv --case pakistan-ttp-2022`\n"
    "- `jirga events import 20221201.export.CSV --format gdelt --skip-bad-rows`\n"
    "- `jirga events list --actor TTP --since 2022-11 --code 19`\n"
    "- `jirga events export --format yaml --out events.yaml`",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(events_app, name="events")

DB_HELP = "DuckDB store file (created when missing)"


def _load_case(case: str | None):
    if not case:
        return None
    from jirga.analysis.load import load_case

    return load_case(case)


@events_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="ACLED/UCDP CSV, GDELT export (TSV) or jirga CSV; a folder "
                                "or a quoted glob imports every file into Parquet (see docs/scale.md)"),
    format: str | None = typer.Option(None, "--format", "-f",
                                      help="acled | ucdp | gdelt | jirga-csv (guessed if omitted)"),
    case: str | None = typer.Option(None, "--case", "-c",
                                    help="case file or built-in id whose actors to map to"),
    db: Path = typer.Option(Path("jirga.duckdb"), "--db", help=DB_HELP),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows",
                                       help="import the good rows, write bad ones to a rejects file"),
    rejects: Path | None = typer.Option(None, "--rejects",
                                        help="rejects file (default FILE.rejects.csv here)"),
    encoding: str = typer.Option("utf-8-sig", "--encoding",
                                 help="text encoding of the file, e.g. latin-1"),
    executor: str = typer.Option("local", "--executor", "-x",
                                 help="folder/glob imports: local, dask or dask://HOST:PORT"),
    workers: int | None = typer.Option(None, "--workers", min=1, help="with --executor dask"),
    country: list[str] = typer.Option([], "--country", help="folder/glob imports: keep only this "
                                      "country (GDELT FIPS code e.g. PK, or ACLED/UCDP name); repeatable"),
    actor_code: list[str] = typer.Option([], "--actor-code", help="folder/glob imports: keep only "
                                         "events with this actor (id, GDELT code prefix or name)"),
    quiet: bool = quiet_option(),
) -> None:
    """Import an event file into the store, atomically; re-importing adds nothing twice.

    Bad rows stop the import (exit code 2) with file, row and column named, and the store
    is left as it was; with `--skip-bad-rows` they go to a rejects CSV with the reason.

    Examples:

    - `jirga events import acled_2015.csv --case pakistan-ttp-2022`
    - `jirga events import gdelt.tsv --format gdelt --db work.duckdb --skip-bad-rows`
    """
    from jirga.events.importers import FORMATS, check_encoding, default_rejects
    from jirga.events.store import import_file

    if format is not None and format not in FORMATS:
        raise InputError([Problem("--format", None, "--format", f"unknown format {format!r}",
                                  f"use one of {', '.join(FORMATS)}", kind="row")])
    # every path this command writes is checked before the case is loaded or a row read
    check_encoding(encoding)
    check_output(db, "--db")
    if skip_bad_rows:
        check_output(rejects or default_rejects(file), "--rejects")
    c = _load_case(case)
    if file.is_dir() or any(ch in str(file) for ch in "*?["):
        from jirga.cli.bulk_report import run_bulk

        run_bulk(file, db, format, c, country, actor_code, skip_bad_rows, executor, workers, encoding)
        return
    with Progress(SpinnerColumn(), TextColumn("[bold]importing[/] {task.description}"),
                  BarColumn(), TextColumn("{task.completed:,} rows"), TimeElapsedColumn(),
                  console=err_console, transient=True,
                  disable=not shows_progress(quiet)) as progress:
        task = progress.add_task(file.name, total=None)
        stats = import_file(file, db, format=format, case=c, skip_bad_rows=skip_bad_rows,
                            rejects=rejects, encoding=encoding,
                            progress=lambda n: progress.update(task, completed=n))
    msg = (f"[green]imported[/] {file} ({stats.format}): {stats.read:,} rows read, "
           f"{stats.added:,} added, {stats.duplicates:,} already in {db}")
    if skip_bad_rows:
        msg += f", {stats.rejected:,} rejected"
        if stats.rejected:
            msg += f" (see {stats.rejects_path})"
    console.print(msg, highlight=False)


@events_app.command("list")
def list_cmd(
    actor: str | None = typer.Option(None, "--actor", "-a", help="actor id or name (substring)"),
    since: str | None = typer.Option(None, "--since", help="first date, e.g. 2022-11 or 2022-11-28"),
    until: str | None = typer.Option(None, "--until", help="last date"),
    code: str | None = typer.Option(None, "--code", help="CAMEO code or prefix, e.g. 19 or 0871"),
    dataset: str | None = typer.Option(None, "--dataset", help="acled | ucdp | gdelt | …"),
    limit: int = typer.Option(50, "--limit", "-n", help="rows to show (0 = all)"),
    db: Path = typer.Option(Path("jirga.duckdb"), "--db", help=DB_HELP),
) -> None:
    """List stored events, filtered.

    Examples:

    - `jirga events list --actor TTP --since 2022-01`
    - `jirga events list --code 19 --until 2015-06 --dataset acled -n 0`
    """
    from jirga.events.store import EventStore

    with EventStore(db, read_only=True) as store:
        frame = store.query(actor, since, until, code, dataset)
    total = len(frame)
    if limit:
        frame = frame.head(limit)
    console.print(events_table(frame, total, db, console.width))


def _date_cell(text: str) -> str:
    """A date as one unbroken line; a span breaks only at its slash, never inside a date."""
    return str(text).replace("/", "/\n") if text else ""


def events_table(frame, total: int, db: Path, width: int) -> Table:
    """Stored events at ``width``: ids, dates, codes and counts never wrap; actors and the
    place are cut at a word boundary to about two lines of the room left."""
    shown = f" (first {len(frame)})" if total > len(frame) else ""
    t = compact(f"{plural(total, 'event')} in {db}{shown}")
    ids = [str(r.id) for r in frame.itertuples()]
    dates = [_date_cell(r.date_text) for r in frame.itertuples()]
    fixed(t, "id", ids)
    fixed(t, "date", [line for d in dates for line in d.split("\n")])
    rest = width - longest(ids, "id") - longest(["0000-00-00/"], "date") - 5 - 6 - 3 * 6
    part = max(10, rest * 3 // 5)  # about two lines of the actors' column
    text_column(t, "source → target", ratio=3, min_width=12)
    fixed(t, "cameo", [r.cameo or "" for r in frame.itertuples()])
    text_column(t, "location", ratio=2, min_width=10)
    fixed(t, "killed", [""], justify="right")
    for r, d in zip(frame.itertuples(), dates, strict=True):
        killed = ("" if r.fatalities is None or r.fatalities != r.fatalities
                  else str(int(r.fatalities)))
        who = (f"{short_name(_actor(r.source_id, r.source_text), 2 * part)} → "
               f"{short_name(_actor(r.target_id, r.target_text), 2 * part)}")
        t.add_row(r.id, d, who, r.cameo or "", shorten(r.location or "", 2 * (rest - part) + 6),
                  killed)
    return t


def _actor(aid, text) -> str:
    if aid:
        return str(aid)
    return str(text or "")[:40]


@events_app.command("export")
def export_cmd(
    format: str = typer.Option("csv", "--format", "-f", help="csv | parquet | yaml"),
    out: Path | None = typer.Option(None, "--out", "-o", help="output file (csv/yaml: stdout if omitted)"),
    actor: str | None = typer.Option(None, "--actor", "-a"),
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    code: str | None = typer.Option(None, "--code"),
    dataset: str | None = typer.Option(None, "--dataset"),
    db: Path = typer.Option(Path("jirga.duckdb"), "--db", help=DB_HELP),
) -> None:
    """Export stored events as CSV (re-importable with `--format jirga-csv`), Parquet, or
    YAML events ready to paste into a case.

    Examples:

    - `jirga events export --format csv --out events.csv`
    - `jirga events export --format yaml --actor TTP --since 2022-11`
    - `jirga events export --format parquet --out events.parquet`
    """
    from jirga.events.store import EventStore

    if format not in ("csv", "parquet", "yaml"):
        raise InputError([Problem("--format", None, "--format", f"unknown format {format!r}",
                                  "use csv, parquet or yaml", kind="row")])
    if format == "parquet" and out is None:
        raise InputError([Problem("--out", None, "--out", "parquet needs an output file",
                                  "add --out events.parquet", kind="row")])
    if out is not None:
        check_output(out, "--out")  # before the query, not after it
    with EventStore(db, read_only=True) as store:
        frame = store.query(actor, since, until, code, dataset)
    if format == "parquet":
        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        write_atomic(out, buf.getvalue(), "--out")
    elif format == "csv":
        text = frame.to_csv(index=False)
        _write(text, out)
    else:
        _write(_events_yaml(frame), out)
    if out is not None:
        console.print(f"wrote {len(frame):,} event(s) to {out}")


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text, "--out")


class _Quoted(str):
    """A string YAML writes in quotes (CAMEO codes keep their leading zeros: '0871')."""


def _yaml_dump(data) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(
        _Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'"))
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")
    return s if s and s[0].isalpha() else "e_" + s


def _events_yaml(frame) -> str:
    events = []
    for r in frame.itertuples():
        ev = {
            "id": _slug(f"{r.dataset}_{r.original_id}"),
            "date": _Quoted(r.date_text),
            "source": r.source_id or _slug(str(r.source_text or "UNMAPPED")),
            "target": [r.target_id or _slug(str(r.target_text or "UNMAPPED"))],
            "cameo": _Quoted(r.cameo or "010"),
            "description": str(r.notes or r.event_type or "")[:500],
        }
        if r.location:
            ev["location"] = r.location
        if r.fatalities is not None and r.fatalities == r.fatalities:
            ev["fatalities"] = int(r.fatalities)
        ev["sources"] = []
        events.append(ev)
    head = ("# events exported by `jirga events export --format yaml`; actors that did not map\n"
            "# to a case actor are written as slugs of their names: map them before use\n")
    return head + _yaml_dump({"events": events})


@app.command("extract")
def extract_cmd(
    article: Path = typer.Argument(..., help="plain-text article (UTF-8 or UTF-16)"),
    case: str | None = typer.Option(None, "--case", "-c",
                                    help="case file or built-in id: its actors and aliases"),
    published: str | None = typer.Option(None, "--published",
                                         help="publication date, for 'yesterday', 'on Tuesday' "
                                         "(default: the file's DATE: header, else its dateline)"),
    format: str = typer.Option("table", "--format", "-f", help="table | csv | yaml"),
    score_ref: Path | None = typer.Option(None, "--score",
                                          help="reference CSV (seed_events.csv layout): print "
                                          "precision and recall"),
    undated: bool = typer.Option(False, "--undated", help="also list events without a date"),
    out: Path | None = typer.Option(None, "--out", "-o",
                                    help="write the events to this file (must not exist)"),
    max_mb: float = typer.Option(50.0, "--max-mb", help="refuse files larger than this"),
) -> None:
    """Read an English article and list the events it reports: date (with precision),
    source and target actors, CAMEO code, place, deaths and injuries, sentence and
    footnoted source. Says where the publication date came from (--published, the DATE:
    header, a dateline) and lists the acts whose date it could not resolve, with the reason.

    Examples:

    - `jirga extract article.txt --published 2022-12-22`
    - `jirga extract article.txt --case pakistan-ttp-2022 --format yaml > events.yaml`
    - `jirga extract ../shared/seed/000_7ba780a53b770a03.txt --score ../shared/refdata/seed_events.csv`
    """
    from jirga.events.coder import read_reference, score
    from jirga.events.coder.extract import Extractor
    from jirga.events.coder.reading import language_warning, read_article
    from jirga.vocab.dates import DateError, parse_fuzzy

    if format not in ("table", "csv", "yaml"):
        raise InputError([Problem("--format", None, "--format", f"unknown format {format!r}",
                                  "use table, csv or yaml", kind="row")])
    if out is not None and (out.exists() or out.is_dir()):
        raise InputError([Problem(str(out), None, "--out", "already exists",
                                  "give a new file name, or remove the file first")])
    if out is not None and not out.parent.is_dir():
        raise InputError([Problem(str(out), None, "--out", "its folder does not exist",
                                  "create the folder first")])
    if score_ref is not None and not score_ref.is_file():
        raise InputError([Problem(str(score_ref), None, "--score", "file not found",
                                  "check the path")])
    pub = None
    if published:
        try:
            pub = parse_fuzzy(published).earliest
        except DateError as exc:
            raise InputError([Problem("--published", None, "--published", str(exc))]) from None
    text = read_article(article, max_mb)
    warning = language_warning(text)
    if warning:
        err_console.print(f"[bold yellow]warning[/]: {article.name}: {warning}", highlight=False)
    ex = Extractor(_load_case(case))
    n_sent = text.count(".") + 1
    with Progress(SpinnerColumn(), TextColumn("[bold]coding[/] {task.description}"),
                  BarColumn(), TextColumn("{task.completed:,} sentences"), TimeElapsedColumn(),
                  console=err_console, transient=True,
                  disable=not err_console.is_terminal or n_sent < 5000) as progress:
        task = progress.add_task(article.name, total=n_sent)
        events = ex.extract(text, pub, include_undated=undated,
                            progress=lambda n: progress.update(task, completed=n))
    when = ex.last_published.isoformat() if ex.last_published else "none found"
    err_console.print(f"publication date: {when} (from {ex.last_published_from})",
                      highlight=False)
    for why in ex.unresolved[:50]:
        err_console.print(f"  undated: {why}", highlight=False)
    if len(ex.unresolved) > 50:
        err_console.print(f"  … and {len(ex.unresolved) - 50} more undated acts", highlight=False)
    rows = [e.as_row() for e in events]
    sink = io.StringIO() if out is not None else None
    if format == "csv":
        buf = io.StringIO()
        cols = list(rows[0]) if rows else ["id", "date", "date_precision", "source", "target",
                                           "cameo", "event", "location", "deaths", "injured",
                                           "footnotes", "references", "trigger", "sentence"]
        w = csv.DictWriter(buf, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
        (sink or sys.stdout).write(buf.getvalue())
    elif format == "yaml":
        (sink or sys.stdout).write(_extract_yaml(events, article))
    else:
        table = compact(f"{plural(len(events), 'event')} in {article.name}")
        # ids, dates, actor ids and codes are never split; the code's name and the place
        # take what is left, wrapping between words
        cells = [(e.id, e.date.text if e.date else "", e.source, e.target.replace(";", "; "),
                  f"{e.cameo} {e.name}", e.location or "", ",".join(map(str, e.footnotes)))
                 for e in events]
        cols = ("id", "date", "source", "target", "event", "location", "fn")
        unbroken = [k for k, col in enumerate(cols) if col not in ("event", "location")]
        taken = sum(longest_word([c[k] for c in cells], cols[k]) for k in unbroken)
        # the code's name and the place share what the unbroken columns leave
        rest = console.width - taken - 3 * (len(cols) - 1)
        event_w = max(10, rest * 3 // 5)
        for k, col in enumerate(cols):
            if col == "event":
                table.add_column(col, width=event_w, overflow="fold")
            elif col == "location":
                table.add_column(col, width=max(8, rest - event_w), overflow="fold")
            else:
                unbroken_words(table, col, [c[k] for c in cells])
        for c in cells:
            table.add_row(*c)
        if sink is not None:
            Console(file=sink, width=160).print(table)
        else:
            console.print(table)
    if sink is not None:
        _write_new(out, sink.getvalue())
    if score_ref is not None:
        result = score(events, read_reference(score_ref))
        target = console if format == "table" else err_console
        target.print(f"[bold]score[/] against {score_ref.name}: {result.summary()}",
                     highlight=False)
        if result.missed:
            target.print(f"  missed: {', '.join(result.missed)}", highlight=False)
        if result.spurious:
            target.print(f"  not in the reference: {', '.join(result.spurious)}",
                         highlight=False)


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to a new file atomically (a temporary file renamed into place)."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError([Problem(str(path), None, "--out", f"cannot be written: {exc.strerror}",
                                  "check the disk space and permissions")]) from None


def _extract_yaml(events, article: Path) -> str:
    sources: dict[str, dict] = {}
    out_events = []
    stem = _slug(article.stem)
    for e in events:
        src_ids = []
        for n, ref in zip(e.footnotes, e.references, strict=False):
            sid = f"{stem}_fn{n}"
            src_ids.append(sid)
            url = re.search(r"https?://\S+?(?=[,;)\s]|$)", ref)
            sources.setdefault(sid, {"id": sid, "title": ref[:300],
                                     **({"url": url.group(0).rstrip(".,")} if url else {})})
        if not src_ids:
            src_ids = [stem]
            sources.setdefault(stem, {"id": stem, "title": article.name})
        # a case event has one source: joint sources ("USA;SAU" mediated) give one event each
        parts = [p for p in e.source.split(";") if p]
        for k, src in enumerate(parts):
            suffix = "" if len(parts) == 1 else "abcdefghij"[k % 10]
            ev = {"id": f"{stem}_{e.id}{suffix}",
                  "date": _Quoted(e.date.text) if e.date else "UNDATED",
                  "source": src, "target": [t for t in e.targets if t != src],
                  "cameo": _Quoted(e.cameo), "description": e.sentence[:400]}
            if e.location:
                ev["location"] = e.location
            ev["sources"] = list(src_ids)  # a copy: no YAML anchors between events
            out_events.append(ev)
    head = f"# events read from {article.name} by `jirga extract`; check them before use\n"
    return head + _yaml_dump({"sources": list(sources.values()), "events": out_events})
