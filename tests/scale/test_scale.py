"""Issue 15: the same numbers on a Dask cluster as locally, and no partial results when a
worker dies (evaluation over ETH/PRIO, a sweep, a folder import)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jirga.analysis.corpus import evaluate_corpus
from jirga.analysis.executors import Executor, ExecutorError, parse_spec
from jirga.analysis.sweep import sweep
from jirga.errors import InputError
from jirga.events.bulk import import_bulk, read_bulk
from tests.conftest import REFDATA
from tests.scale.conftest import TINY, KillOnTask

ETHPRIO = REFDATA / "ceasefires" / "ethprio_cf_ceasefire_level.csv"
EVENTS = REFDATA / "events"
FILES = [EVENTS / "gdelt" / "gdelt1_events_sample_100rows.tsv",
         EVENTS / "gdelt" / "gdelt2_export_sample_100rows.tsv",
         EVENTS / "ucdp" / "ucdpged_23.1_sample_uncertainUCDP.csv"]


@pytest.fixture(scope="module")
def ethprio() -> pd.DataFrame:
    from jirga.case.formats.ethprio import read_ethprio

    return read_ethprio(ETHPRIO)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """GDELT 1.0, GDELT 2.0 and UCDP files, and a GDELT mentions file that must fail."""
    d = tmp_path / "in"
    d.mkdir()
    for f in FILES:
        shutil.copy(f, d / f.name)
    shutil.copy(EVENTS / "gdelt" / "gdelt2_mentions_sample.tsv", d / "mentions.tsv")
    return d


def test_executor_spec() -> None:
    assert parse_spec("local").kind == "local"
    assert parse_spec("dask://10.0.0.5:8786").address == "tcp://10.0.0.5:8786"
    with pytest.raises(InputError, match="dask://HOST:PORT"):
        parse_spec("spark")
    assert Executor().map(abs, [-2, 1]) == [2, 1]


def test_evaluation_same_on_cluster(ethprio, cluster) -> None:
    local = evaluate_corpus(ethprio, TINY, seed=3, executor_spec="local", limit=3)
    dask = evaluate_corpus(ethprio, TINY, seed=3, executor_spec=cluster, limit=3)
    assert dask.executor == "dask" and dask.workers == 2
    pd.testing.assert_frame_equal(local.forecasts, dask.forecasts)
    assert local.scores == dask.scores
    assert len(local.forecasts) == 3 and local.forecasts["p_model_365d"].between(0, 1).all()


def test_sweep_same_on_cluster(builtin_case, cluster) -> None:
    args = dict(parameters={"pressure_weight": [0.0, 0.2]}, third_parties=["all", "none"],
                draws=400, chunk_draws=100, seed=1, budget=TINY)
    local = sweep(builtin_case, executor_spec="local", **args)
    dask = sweep(builtin_case, executor_spec=cluster, **args)
    pd.testing.assert_frame_equal(local, dask)
    assert len(local) == 4 and (local["draws"] == 400).all() and (local["chunks"] == 4).all()
    # chunking is a schedule, not a different estimate: the same chunks give the same numbers
    again = sweep(builtin_case, executor_spec="local", **args)
    pd.testing.assert_frame_equal(local, again)


def test_folder_import_same_on_cluster(folder, tmp_path, cluster) -> None:
    a = import_bulk(folder, tmp_path / "a.duckdb", executor=None)
    b = import_bulk(folder, tmp_path / "b.duckdb", executor=cluster)
    assert a.added == b.added == 1200 and a.partitions == b.partitions
    assert [f for f, _ in a.failed] == [f for f, _ in b.failed] == [str(folder / "mentions.tsv")]
    pd.testing.assert_frame_equal(read_bulk(tmp_path / "a-events"), read_bulk(tmp_path / "b-events"))
    again = import_bulk(folder, tmp_path / "a.duckdb", executor=cluster)
    assert again.added == 0 and again.written == 0 and again.read == 1200
    import duckdb

    with duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True) as con:
        n = con.execute("SELECT source, count(*) FROM bulk_events GROUP BY 1 ORDER BY 1").fetchall()
    assert n == [("gdelt", 200), ("ucdp", 1000)]


def test_filters(folder, tmp_path) -> None:
    s = import_bulk(folder, tmp_path / "f.duckdb", countries=("PK", "Pakistan"))
    rows = read_bulk(tmp_path / "f-events")
    assert s.added == len(rows) > 0 and set(rows["country"].str.lower()) <= {"pk", "pakistan"}


def test_killed_worker_is_retried(ethprio, fragile, tmp_path) -> None:
    fragile.client.register_plugin(KillOnTask("forecast_task", str(tmp_path / "killed")))
    dask = evaluate_corpus(ethprio, TINY, seed=3, executor_spec=fragile, limit=2)
    assert (tmp_path / "killed").exists()  # a worker did die
    local = evaluate_corpus(ethprio, TINY, seed=3, executor_spec="local", limit=2)
    pd.testing.assert_frame_equal(local.forecasts, dask.forecasts)


def test_worker_that_keeps_dying_leaves_no_partial_partition(folder, tmp_path, fragile) -> None:
    db = tmp_path / "k.duckdb"
    first = import_bulk(folder / FILES[0].name, db)  # GDELT 1.0 already in the store
    root = tmp_path / "k-events"
    before = {p: p.read_bytes() for p in root.rglob("data.parquet")}
    (root / "source=gdelt" / "month=2001-01").mkdir(parents=True)
    (root / "source=gdelt" / "month=2001-01" / ".tmp-stray.parquet").write_bytes(b"half")
    fragile.client.register_plugin(KillOnTask("merge_partition"))
    with pytest.raises(ExecutorError, match="killing its Dask worker"):
        import_bulk(folder, db, executor=fragile)
    after = {p: p.read_bytes() for p in root.rglob("data.parquet")}
    assert first.added == 100 and after == before  # every partition as it was
    assert not list(root.glob(".staging-*")) and not list(root.rglob(".tmp-*"))
    assert np.isclose(len(read_bulk(root)), 100)
