"""Rebuild the duration model's package data from the ETH/PRIO reference file.

    PYTHONPATH=src python scripts/fit_duration_model.py [--data PATH] [--out PATH]

Writes ``src/jirga/models/duration/data/duration_model.json``: the fitted parameters
(a few hundred numbers), their cluster-robust covariance, the out-of-sample evaluation
figures and the provenance of the input (path and sha256). The ETH/PRIO data itself is
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
    text = json.dumps(_round(payload), indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({len(text):,} bytes); penalty {model.penalizer}, "
          f"{model.info['n']} ceasefires, {model.info['events']} breakdowns")
    print(evaluation.text())


if __name__ == "__main__":
    main()
