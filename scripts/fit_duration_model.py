"""Rebuild the duration model's package data from the ETH/PRIO reference file.

    PYTHONPATH=src python scripts/fit_duration_model.py [--data PATH] [--out PATH]

Writes ``src/jirga/models/duration/data/duration_model.json``: the fitted parameters
(a few hundred numbers), their cluster-robust covariance, the out-of-sample evaluation
figures and the provenance of the input (path and sha256); and
``duration_models_as_of.json``: the same fit as of each 1 January 2000–2020, using only
what was known then, for back-tests without leakage. The ETH/PRIO data itself is
not copied. Deterministic: same input, same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
from pathlib import Path

from jirga.case.formats.ethprio import read_ethprio
from jirga.models.duration.evaluate import evaluate_duration_model, fit_duration_model

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "refdata" / "ceasefires" / "ethprio_cf_ceasefire_level.csv"
DEFAULT_OUT = ROOT / "src" / "jirga" / "models" / "duration" / "data" / "duration_model.json"
SOURCE = ("ETH/PRIO Civil Conflict Ceasefire dataset 1989–2020, October-2022 public release "
          "(Clayton, Nygård, Strand, Rustad, Wiehler, Sagård, Landsverk, Ryland, Sticher, Wink & Bara, "
          "JCR 2022/23, DOI 10.1177/00220027221129195); ceasefire-level collapse by jirga")


def _round(obj: object, digits: int = 10) -> object:
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, dict):
        return {k: _round(v, digits) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_round(v, digits) for v in obj]
    return obj


def _sig(obj: object, digits: int = 6) -> object:
    """Round floats to significant digits: the as-of fits need no more, and stay small."""
    if isinstance(obj, float):
        return float(f"{obj:.{digits}g}")
    if isinstance(obj, dict):
        return {k: _sig(v, digits) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_sig(v, digits) for v in obj]
    return obj


def _write(path: Path, payload: dict) -> int:
    text = json.dumps(payload, indent=None, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return len(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    frame = read_ethprio(args.data)
    model = fit_duration_model(frame)
    evaluation = evaluate_duration_model(frame)
    payload = {
        "source": SOURCE,
        "input": {"file": args.data.name, "sha256": hashlib.sha256(args.data.read_bytes()).hexdigest()},
        "rebuild": "PYTHONPATH=src python scripts/fit_duration_model.py",
        "model": model.to_dict(),
        "evaluation": evaluation.to_dict(),
    }
    size = _write(args.out, _round(payload))
    print(f"wrote {args.out} ({size:,} bytes); penalty {model.penalizer}, "
          f"{model.info['n']} ceasefires, {model.info['events']} breakdowns")
    as_of = {}
    for year in range(2000, 2021):
        fit = fit_duration_model(frame, as_of=f"{year}-01-01")
        as_of[f"{year}-01-01"] = fit.to_dict()
    out = args.out.with_name("duration_models_as_of.json")
    size = _write(out, _sig({"source": SOURCE, "input": payload["input"],
                             "rule": "ceasefires that started before the date; any still running then "
                                     "censored at it; penalty chosen by grouped CV on those rows",
                             "models": as_of}))
    print(f"wrote {out} ({size:,} bytes); {len(as_of)} as-of fits")
    print(evaluation.text())


if __name__ == "__main__":
    main()
