"""Output paths checked before the work starts, and write failures as messages.

``jirga run --out FILE`` used to refuse an existing file only after a 20-second
analysis, ``--rejects somedir`` ended in ``IsADirectoryError``, and a full disk in
``OSError: [Errno 28]``. Every command that writes calls :func:`check_output`
on its paths *first*, and wraps the writing in :func:`writing`, which turns an
``OSError`` (disk full, permission, read-only file system) into a clean
:class:`~jirga.errors.ResourceError` — exit code 2, no traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from jirga.errors import InputError, Problem, ResourceError

Kind = Literal["file", "folder"]


def check_output(path: str | Path, option: str, kind: Kind = "file",
                 overwrite: bool = True) -> Path:
    """Refuse ``path`` now if writing a ``kind`` there later must fail; return it as a Path.

    - a file wanted where a folder exists, or a folder where a file exists;
    - a parent that is missing (a folder output may create its parents: they are checked
      up to the first that exists), is a file, or is not writable;
    - an existing output that must not be overwritten (``overwrite=False``).
    """
    p = Path(path)
    name = str(p)

    def refuse(message: str, fix: str) -> InputError:
        return InputError([Problem(name, None, option, message, fix, kind="row")])

    if p.exists():
        if kind == "file" and p.is_dir():
            raise refuse("is a folder; a file is written here", f"give a file name for {option}, "
                         f"e.g. {p / 'out.csv'}")
        if kind == "folder" and not p.is_dir():
            raise refuse("is a file; a folder is written here",
                         f"give a folder name for {option}, or remove the file")
        if not overwrite:
            raise refuse("already exists", "remove it or give another path")
        if not os.access(p, os.W_OK | (os.X_OK if kind == "folder" else 0)):
            raise refuse("cannot be written (permission denied)", "give a path you can write to")
        return p
    parent = p.parent if str(p.parent) else Path(".")
    if kind == "folder":
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
    if not parent.exists():
        raise refuse(f"its folder {parent} does not exist", "create the folder first, or give "
                     "another path")
    if not parent.is_dir():
        raise refuse(f"{parent} is a file, not a folder", "give a path inside a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise refuse(f"the folder {parent} cannot be written (permission denied)",
                     "give a path you can write to")
    return p


def os_problem(exc: OSError, name: str, option: str = "") -> ResourceError:
    """A write failure as a message: what happened (disk full, permission…) and the fix."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        what, fix = "the disk is full (or the file is over its size limit)", \
            "free some space or write somewhere else; nothing was half-written"
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        what, fix = "permission denied (or a read-only disk)", "give a path you can write to"
    else:
        what, fix = f"cannot be written: {exc.strerror or exc}", "check the path and the disk"
    return ResourceError([Problem(getattr(exc, "filename", None) or name, None, option, what,
                                  fix, kind="row")])


@contextmanager
def writing(path: str | Path, option: str = "") -> Iterator[None]:
    """Turn an ``OSError`` raised while writing ``path`` into a :class:`ResourceError`."""
    try:
        yield
    except OSError as exc:
        raise os_problem(exc, str(path), option) from None


def write_atomic(path: str | Path, data: str | bytes, option: str = "") -> None:
    """Write ``data`` next to ``path`` and rename it into place: a full disk leaves the old
    file (or none), never half of a new one."""
    p = Path(path)
    tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
    try:
        with writing(p, option):
            if isinstance(data, str):
                tmp.write_text(data, encoding="utf-8")
            else:
                tmp.write_bytes(data)
            os.replace(tmp, p)
    finally:
        tmp.unlink(missing_ok=True)
