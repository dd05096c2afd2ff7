"""Case commands: cases, validate, schema, new."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from jirga.analysis.load import load_case
from jirga.case.io import builtin_cases
from jirga.case.schema import Case
from jirga.cli.common import app, console
from jirga.cli.tables import compact, fixed, text_column
from jirga.vocab.format import plural


@app.command("cases")
def cases_cmd() -> None:
    """List the built-in cases.

    Example: `jirga cases`
    """
    ids = builtin_cases()
    table = compact("Built-in cases")
    fixed(table, "id", ids)
    text_column(table, "title")
    for col in ("actors", "issues", "events"):
        table.add_column(col, justify="right", no_wrap=True)
    for cid in ids:
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
    counts = ", ".join(plural(len(items), noun) for items, noun in (
        (c.actors, "actor"), (c.issues, "issue"), (c.agreements, "agreement"),
        (c.events, "event"), (c.sources, "source")))
    console.print(f"[green]valid[/]: {case} — {counts}", highlight=False)


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

    terms = [w.lower() for w in (words or [])]
    rows = []
    for code, entry in cameo_codes().items():
        hay = f"{code} {entry.name}".lower()
        if all(t in hay if not t.isdigit() else code.startswith(t) for t in terms):
            score = "" if entry.goldstein is None else f"{entry.goldstein:+g}"
            rows.append((code, entry.name, score))
    if not rows:
        console.print(no_codes_message(terms, cameo_codes()), highlight=False)
        return
    table = compact(f"CAMEO codes ({plural(len(rows), 'code')})")
    fixed(table, "code", [r[0] for r in rows])
    text_column(table, "name")
    table.add_column("Goldstein", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)


#: words people look for that the CAMEO code book says otherwise
_CAMEO_SYNONYMS = {
    "suspend": ["halt", "reduce", "stop"], "pause": ["halt"], "stop": ["halt", "stop"],
    "truce": ["ceasefire", "truce"], "talks": ["negotiation", "mediation"],
    "negotiate": ["negotiation"], "kill": ["kill", "assault", "violence"],
    "bomb": ["bombing", "bomb"], "attack": ["attack", "assault"], "fight": ["fight"],
    "kidnap": ["abduct"], "release": ["release"], "meet": ["meet"], "talk": ["discuss"],
}


def no_codes_message(terms: list[str], book: dict) -> str:
    """What to say when no code matches: what was looked for, and words that would match."""
    import difflib
    import re

    words = sorted({w for e in book.values() for w in re.findall(r"[a-z]+", e.name.lower())})
    close: list[str] = []
    for t in terms:
        if t.isdigit():
            continue
        close += [w for w in _CAMEO_SYNONYMS.get(t, []) if any(w in x for x in words)]
        close += difflib.get_close_matches(t, words, n=3, cutoff=0.75)
    close = [w for w in dict.fromkeys(close) if w not in terms][:4]
    looked = " ".join(terms)
    text = f"No CAMEO code matches '{looked}'" + (
        " (every word must appear in the code's name)." if len(terms) > 1 else ".")
    if close:
        text += " Close words: " + ", ".join(close) + f" — e.g. `jirga codes {close[0]}`."
    return text + " See `jirga codes --help`; a number lists codes by prefix: `jirga codes 19`."
