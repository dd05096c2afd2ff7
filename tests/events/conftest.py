"""Paths to the real event files in ../shared/refdata/events and helpers for broken copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFDATA

EVENTS = REFDATA / "events"
ACLED_2020 = EVENTS / "acled" / "acled_export_2020-04-27_2020-05-09_RPanlilio.csv"
ACLED_2015 = EVENTS / "acled" / "acled_2015_pakistan_subset_katehara.csv"
UCDP = EVENTS / "ucdp" / "ucdpged_23.1_sample_uncertainUCDP.csv"
UCDP_RDA = EVENTS / "ucdp" / "ucdpged_23.1_sample_uncertainUCDP.rda"
GDELT2 = EVENTS / "gdelt" / "gdelt2_export_sample_100rows.tsv"
GDELT1 = EVENTS / "gdelt" / "gdelt1_events_sample_100rows.tsv"
GDELT_MENTIONS = EVENTS / "gdelt" / "gdelt2_mentions_sample.tsv"
SEED = REFDATA.parent / "seed" / "000_7ba780a53b770a03.txt"
SEED_EVENTS = REFDATA / "seed_events.csv"


@pytest.fixture(autouse=True)
def _need_refdata(refdata: Path) -> None:
    """Fail clearly when the checkout does not sit beside shared/."""


def head_bytes(path: Path, n_records: int) -> bytes:
    """The header and the first ``n_records`` physical lines of a file (as bytes)."""
    with path.open("rb") as fh:
        return b"".join(fh.readline() for _ in range(n_records + 1))
