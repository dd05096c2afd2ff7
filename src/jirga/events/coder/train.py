"""Fit the note classifier (:mod:`.learned`) on ACLED's development countries and save it.

Run at build time, never at run time::

    python -m jirga.events.coder.train ../shared/refdata

Only rows of countries A–M (the development part, :func:`.acled_eval.part_of`) are used;
the evaluation countries N–Z stay unseen. The output holds fitted parameters only
(``src/jirga/events/data/note_classifier.json``); no note text is stored.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jirga.events.coder.acled_eval import find_files, part_of, read_rows, root_labels, source_type
from jirga.events.coder.learned import fit

OUT = Path(__file__).resolve().parents[1] / "data" / "note_classifier.json"


def training_rows(refdata: Path) -> list[dict]:
    return [r for p in find_files(refdata) for r in read_rows(p)
            if part_of(r.get("country", "") or "?") == "dev" and r.get("notes", "").strip()]


def main(argv: list[str]) -> int:
    refdata = Path(argv[1]) if len(argv) > 1 else Path("../shared/refdata")
    rows = training_rows(refdata)
    texts_r, labels_r, texts_s, labels_s = [], [], [], []
    for r in rows:
        roots = root_labels(r)
        if roots:
            texts_r.append(r["notes"])
            labels_r.append(sorted(roots)[0])
        st = source_type(r)
        if st:
            texts_s.append(r["notes"])
            labels_s.append(st)
    out = {"trained_on": f"ACLED notes, development countries A-M only ({len(rows)} rows)",
           "root": fit(texts_r, labels_r).to_dict(), "source": fit(texts_s, labels_s).to_dict()}
    OUT.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB) from {len(rows)} rows: "
          f"{len(texts_r)} with a class, {len(texts_s)} with a source type")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
