"""The workbench's state: the case as loaded, and the named scenarios built from it.

One :class:`Workbench` per app instance (never module-level), guarded by one lock:
requests run in a thread pool, so two browser tabs editing at once must not lose an
edit. Cases are immutable snapshots — an edit makes a new validated case — so a run
may read a scenario's case outside the lock while another request edits it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jirga.case.schema import Case
from jirga.web.edits import apply_edits
from jirga.web.problems import refuse
from jirga.web.whatif import Engine
from jirga.web.workspace import Workspace

BASELINE = "baseline"
MAX_SCENARIOS = 20
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$")


@dataclass
class Scenario:
    """A named case: its origin plus the edits made to it, in order."""

    name: str
    origin: Case
    edits: list[Any] = field(default_factory=list)
    case: Case | None = None
    version: int = 0

    def __post_init__(self) -> None:
        if self.case is None:
            self.case = self.origin

    def current(self) -> Case:
        assert self.case is not None
        return self.case


class Workbench:
    """Scenarios, the workspace and the engine of one running app."""

    def __init__(self, case: Case, workspace: Workspace, source: Path | None = None,
                 source_text: str | None = None, file_name: str | None = None,
                 max_budget: str = "standard") -> None:
        self.workspace = workspace
        self.max_budget = max_budget
        self.source = source
        self.source_text = source_text
        self.file_name = file_name
        self.engine = Engine()
        self.lock = threading.RLock()
        self.scenarios: dict[str, Scenario] = {BASELINE: Scenario(BASELINE, case)}

    # ---- lookups --------------------------------------------------------------------
    def get(self, name: str) -> Scenario:
        with self.lock:
            if name not in self.scenarios:
                raise refuse(404, "scenario", f"no scenario '{name}'",
                             "use one of: " + ", ".join(self.scenarios))
            return self.scenarios[name]

    @property
    def baseline(self) -> Scenario:
        return self.scenarios[BASELINE]

    # ---- changes --------------------------------------------------------------------
    def create(self, name: str, copy_of: str = BASELINE) -> Scenario:
        """A new variant starting from ``copy_of``'s current case, with no edits of its own."""
        if not NAME_RE.match(name):
            raise refuse(422, "name", f"'{name}' is not a usable scenario name",
                         "1–40 letters, digits, spaces, '_', '-' or '.', starting with a letter or digit")
        with self.lock:
            if name in self.scenarios:
                raise refuse(409, "name", f"a scenario '{name}' exists", "pick another name")
            if len(self.scenarios) >= MAX_SCENARIOS:
                raise refuse(422, "name", f"at most {MAX_SCENARIOS} scenarios",
                             "delete a scenario you no longer need")
            src = self.get(copy_of)
            # a variant of the baseline keeps the baseline's edits as its origin, so its own
            # edits are exactly what sets it apart (what the comparison attributes)
            scn = Scenario(name, src.current(), edits=[])
            self.scenarios[name] = scn
            return scn

    def delete(self, name: str) -> None:
        if name == BASELINE:
            raise refuse(422, "scenario", "the baseline cannot be deleted", "delete a variant")
        with self.lock:
            self.get(name)
            del self.scenarios[name]

    def add_edits(self, name: str, edits: list[Any]) -> Scenario:
        """Apply ``edits`` after the scenario's own (validated before anything changes)."""
        with self.lock:
            scn = self.get(name)
            new_edits = [*scn.edits, *edits]
            base_version = scn.version
        case = apply_edits(scn.origin, new_edits)  # outside the lock: validation takes a while
        with self.lock:
            if scn.version != base_version:  # another request edited it meanwhile: redo on top
                new_edits = [*scn.edits, *edits]
                case = apply_edits(scn.origin, new_edits)
            scn.edits, scn.case = new_edits, case
            scn.version += 1
            return scn

    def undo(self, name: str, count: int = 1) -> Scenario:
        with self.lock:
            scn = self.get(name)
            keep = scn.edits[: max(0, len(scn.edits) - count)]
            scn.case = apply_edits(scn.origin, keep) if keep else scn.origin
            scn.edits = keep
            scn.version += 1
            return scn

    def replace_case(self, name: str, case: Case) -> Scenario:
        """A whole new case for a scenario (its edits become part of the origin)."""
        with self.lock:
            scn = self.get(name)
            scn.origin, scn.case, scn.edits = case, case, []
            scn.version += 1
            return scn
