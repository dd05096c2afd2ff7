"""The workspace: the one folder the workbench may read and write.

Every path a request names is resolved inside it (no ``..``, no absolute paths, no
symlink that leads out), only ``.yaml``/``.yml`` files are read or written, and
writes are atomic (a temporary file in the same folder, then a rename), so a failed
save never leaves half a case. Saving keeps the file's comments where it can: the
edited values are merged into the original YAML with ruamel.yaml's round-trip
loader, so comments beside unchanged keys stay.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from jirga.web.problems import ApiError, refuse

SUFFIXES = (".yaml", ".yml")
MAX_CASE_BYTES = 2_000_000


class Workspace:
    """A folder, and the rules for touching files in it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def resolve(self, name: str, field: str = "path") -> Path:
        """``name`` as a path inside the workspace, or a 422/403 problem."""
        if not name or "\x00" in name or len(name) > 255:
            raise refuse(422, field, "give a file name such as my-case.yaml",
                         "a name of 1–255 characters, without NUL")
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts:
            raise refuse(403, field, f"'{name}' is outside the workspace",
                         "give a name relative to the workspace folder, without '..'")
        if rel.suffix.lower() not in SUFFIXES:
            raise refuse(422, field, f"'{name}' is not a .yaml file", "end the name in .yaml")
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root):
            raise refuse(403, field, f"'{name}' leads outside the workspace (a symlink?)",
                         "save to a plain file inside the workspace folder")
        return target

    def files(self) -> list[str]:
        out = []
        for p in sorted(self.root.rglob("*")):
            if p.suffix.lower() in SUFFIXES and p.is_file() and p.resolve().is_relative_to(self.root):
                out.append(str(p.relative_to(self.root)))
            if len(out) >= 500:
                break
        return out

    def read(self, name: str) -> str:
        path = self.resolve(name)
        if not path.is_file():
            raise refuse(404, "path", f"no file '{name}' in the workspace", "pick one of the listed files")
        if path.stat().st_size > MAX_CASE_BYTES:
            raise refuse(413, "path", f"'{name}' is larger than {MAX_CASE_BYTES:,} bytes",
                         "split the case or trim its events")
        return path.read_text(encoding="utf-8-sig")

    def write(self, name: str, text: str, overwrite: bool) -> Path:
        """Write ``text`` atomically; refuse (409) to replace a file unless ``overwrite``."""
        path = self.resolve(name)
        if path.exists() and not overwrite:
            raise ApiError(409, f"'{name}' exists", [_exists(name)])
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".jirga-", suffix=".yaml.tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path


def _exists(name: str):
    from jirga.web.problems import ProblemItem

    return ProblemItem(field="path", message=f"'{name}' already exists",
                       fix="save under another name, or confirm to overwrite it")


def merge_yaml(original: str | None, data: dict[str, Any]) -> str:
    """``data`` as YAML, written over ``original`` so its comments survive where keys do.

    Mappings are updated key by key (keys gone from ``data`` are removed, new ones
    appended); lists of entries with an ``id`` are matched by id, so a comment on an
    actor stays with that actor when another is removed. Without ruamel.yaml, or
    without an original, plain YAML is written.
    """
    try:
        from ruamel.yaml import YAML
    except ImportError:  # pragma: no cover - ruamel is a dependency
        original = None
    if original is None:
        import yaml

        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    y = YAML()
    y.preserve_quotes = True
    y.width = 100  # the project's line width (ruamel re-wraps flow lists and long scalars)
    y.indent(mapping=2, sequence=4, offset=2)  # "  - id: …", as case files are written
    tree = y.load(original)
    if not isinstance(tree, dict):
        tree = {}
    merged = _merge(tree, data)
    buf = io.StringIO()
    y.dump(merged, buf)
    return buf.getvalue()


def _same_scalar(old: Any, new: Any) -> bool:
    try:
        return old == new and type(old) is not bool and type(new) is not bool or old is new
    except Exception:  # noqa: BLE001 - odd ruamel scalars compare unlike plain ones
        return False


def _merge(old: Any, new: Any) -> Any:
    if isinstance(new, dict) and isinstance(old, dict):
        if _estimate_like(old, new):
            return old
        for key in [k for k in old if str(k) not in {str(n) for n in new}]:
            del old[key]
        keys = {str(k): k for k in old}
        for key, value in new.items():
            k = keys.get(str(key), key)
            if k in old:
                old[k] = _merge(old[k], value)
            elif value not in ({}, []):  # a default the file leaves out stays left out
                old[k] = value
        return old
    if isinstance(new, list) and isinstance(old, list):
        if all(isinstance(x, dict) and "id" in x for x in new) and \
                all(isinstance(x, dict) and "id" in x for x in old):
            by_id = {str(x["id"]): x for x in old}
            out = [_merge(by_id[str(x["id"])], x) if str(x["id"]) in by_id else x for x in new]
            old[:] = out
            return old
        if len(old) == len(new):
            for i, value in enumerate(new):
                old[i] = _merge(old[i], value)
            return old
        return new
    if _same_scalar(old, new) or _same_date(old, new):
        return old
    return new


def _same_date(old: Any, new: Any) -> bool:
    """A date the file wrote unquoted (read by ruamel as a date) and the same date as text."""
    import datetime as dt

    return isinstance(old, dt.date) and isinstance(new, str) and old.isoformat() == new


def _estimate_like(old: dict, new: dict) -> bool:
    """``{low, mode, high}`` unchanged: keep the file's own spelling (flow style, order)."""
    keys = {"low", "mode", "high"}
    return set(map(str, old)) <= keys and set(new) == keys and all(
        float(old.get(k, old.get("mode", 0))) == float(new[k]) for k in new if k in old) and \
        set(map(str, old)) == keys
