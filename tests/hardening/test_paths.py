"""Output paths are checked before any work: jirga.paths.check_output and its callers."""

from __future__ import annotations

from pathlib import Path

import pytest

from jirga.cli import main
from jirga.errors import InputError
from jirga.paths import check_output, write_atomic
from tests.events.conftest import UCDP


def test_file_output(tmp_path: Path) -> None:
    assert check_output(tmp_path / "new.csv", "--out") == tmp_path / "new.csv"
    (tmp_path / "old.csv").write_text("x")
    check_output(tmp_path / "old.csv", "--out")
    with pytest.raises(InputError, match="already exists"):
        check_output(tmp_path / "old.csv", "--out", overwrite=False)
    with pytest.raises(InputError, match="is a folder"):
        check_output(tmp_path, "--out")
    with pytest.raises(InputError, match="does not exist"):
        check_output(tmp_path / "no" / "such.csv", "--out")
    with pytest.raises(InputError, match="is a file, not a folder"):
        check_output(tmp_path / "old.csv" / "x.csv", "--out")


def test_folder_output(tmp_path: Path) -> None:
    check_output(tmp_path / "a" / "b" / "report", "--out", kind="folder")  # parents made later
    (tmp_path / "f").write_text("x")
    with pytest.raises(InputError, match="is a file; a folder is written here"):
        check_output(tmp_path / "f", "--out", kind="folder")
    with pytest.raises(InputError, match="is a file, not a folder"):
        check_output(tmp_path / "f" / "report", "--out", kind="folder")
    (tmp_path / "r").mkdir()
    with pytest.raises(InputError, match="already exists"):
        check_output(tmp_path / "r", "--out", kind="folder", overwrite=False)


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    write_atomic(p, "old")
    write_atomic(p, b"new")
    assert p.read_text() == "new" and [q.name for q in tmp_path.iterdir()] == ["x.csv"]


@pytest.mark.parametrize("opt", ["--db", "--rejects"])
def test_import_paths_checked_first(tmp_path: Path, capsys, opt: str) -> None:
    args = {"--db": str(tmp_path / "e.duckdb"), "--rejects": str(tmp_path / "r.csv")}
    args[opt] = str(tmp_path / "missing" / "x")
    argv = ["events", "import", str(UCDP), "--skip-bad-rows", "--case", "no-such-case"]
    for k, v in args.items():
        argv += [k, v]
    code = main(argv)
    err = " ".join(capsys.readouterr().err.split())
    # the path is refused before the (bad) case is even looked at
    assert code == 2 and f"{opt}: its folder" in err and "no-such-case" not in err


def test_db_is_a_folder(tmp_path: Path, capsys) -> None:
    code = main(["events", "import", str(UCDP), "--db", str(tmp_path)])
    assert code == 2 and "--db: is a folder" in " ".join(capsys.readouterr().err.split())
