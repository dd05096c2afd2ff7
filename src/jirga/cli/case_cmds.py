"""Case commands: cases, validate, schema, new."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from jirga.analysis.load import load_case
from jirga.case.io import builtin_cases
from jirga.case.schema import Case
from jirga.cli.common import app, console


@app.command("cases")
def cases_cmd() -> None:
    """List the built-in cases.

    Example: `jirga cases`
    """
    table = Table(title="Built-in cases")
    for col in ("id", "title", "actors", "issues", "events"):
        table.add_column(col)
    for cid in builtin_cases():
        c = load_case(cid)
        table.add_row(cid, c.title, str(len(c.actors)), str(len(c.issues)), str(len(c.events)))
    console.print(table)


@app.command("validate")
def validate_cmd(case: str = typer.Argument(..., help="Case YAML file or built-in case id")) -> None:
    """Check a case file and list every problem (file, line, field, fix).

    Exit code 0 when the case is valid, 2 when it has problems.

    Example: `jirga validate my-case.yaml`
    """
    c = load_case(case)
    console.print(
        f"[green]valid[/]: {case} — {len(c.actors)} actors, {len(c.issues)} issues, "
        f"{len(c.agreements)} agreements, {len(c.events)} events, {len(c.sources)} sources"
    )


@app.command("schema")
def schema_cmd(
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file instead"),
) -> None:
    """Print the JSON Schema of case files, for editors that validate YAML.

    Example: `jirga schema --out jirga-case.schema.json`
    """
    text = json.dumps(Case.model_json_schema(by_alias=True), indent=2)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {out}")
    else:
        print(text)


@app.command("new")
def new_cmd(
    name: str = typer.Argument(..., help="Case name, e.g. colombia-eln-2023"),
    out: Path | None = typer.Option(None, "--out", "-o",
                                    help="File to write (default: NAME.yaml)"),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file"),
) -> None:
    """Write a commented case file that validates and teaches the format.

    Example: `jirga new colombia-eln-2023` then edit colombia-eln-2023.yaml
    """
    import re
    from importlib import resources

    from jirga.errors import InputError, Problem

    case_id = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-").lower() or "my-case"
    if not case_id[0].isalpha():
        case_id = "case-" + case_id
    path = out or Path(f"{case_id}.yaml")
    if path.exists() and not force:
        raise InputError([Problem(str(path), None, "", "already exists",
                                  "choose another name, pass --out, or --force to overwrite")])
    template = resources.files("jirga.case").joinpath("template.yaml.txt").read_text("utf-8")
    text = template.replace("{case_id}", case_id).replace("{filename}", str(path)).replace(
        "{title}", name.replace("-", " ").strip().capitalize() or case_id)
    path.write_text(text, encoding="utf-8")
    console.print(f"wrote {path} — edit it, then `jirga validate {path}` and `jirga run {path}`")


@app.command("codes")
def codes_cmd(
    words: list[str] = typer.Argument(None, help="Words to look for in code names, or a code"),
) -> None:
    """Look up CAMEO event codes (with Goldstein scores) for coding events.

    Examples: `jirga codes ceasefire`, `jirga codes suicide`, `jirga codes 19`
    """
    from jirga.vocab.codes import cameo_codes

    table = Table(title="CAMEO codes")
    for col in ("code", "name", "Goldstein"):
        table.add_column(col)
    terms = [w.lower() for w in (words or [])]
    for code, entry in cameo_codes().items():
        hay = f"{code} {entry.name}".lower()
        if all(t in hay if not t.isdigit() else code.startswith(t) for t in terms):
            score = "" if entry.goldstein is None else f"{entry.goldstein:+g}"
            table.add_row(code, entry.name, score)
    console.print(table)
