"""The ETH/PRIO reader: ended codes become jirga end types; dates, codes and errors at the boundary."""

from __future__ import annotations

import pandas as pd
import pytest

from jirga.case.formats.ethprio import (
    END_TYPES,
    ENDED_CODES,
    end_type_from_code,
    parse_ethprio,
    read_ethprio,
    region_from_cc,
)
from jirga.errors import InputError
from tests.conftest import REFDATA

CSV = REFDATA / "ceasefires" / "ethprio_cf_ceasefire_level.csv"


def _row(**kw) -> dict:
    row = dict(cc=770, cf_id=1, location="Pakistan", eff_yr=2014, eff_m=3, eff_d=1, end_yr=2014, end_m=4,
               end_d=3, ended=4, ceasefire_class=1, written=0, mediator_nego=0, fixed=1, fixed_time="30",
               side=1, p_peaceprocess=1, p_humanitarian=0, p_holiday=0, implement=0, enforcement=0, ddr=0,
               ucdp_acd_id=209)
    row.update(kw)
    return row


def test_ended_code_map_is_complete_and_named():
    assert ENDED_CODES == {0: "ongoing", 1: "expired", 2: "broken", 3: "never_in_effect",
                           4: "replaced", -1: "unknown"}
    assert set(ENDED_CODES.values()) - {"never_in_effect"} <= set(END_TYPES)
    assert "settlement" in END_TYPES  # cases may state it; ETH/PRIO has no code for it
    assert end_type_from_code(2) == "broken" and end_type_from_code("1") == "expired"
    with pytest.raises(ValueError, match="unknown ETH/PRIO ended code"):
        end_type_from_code(7)


def test_expiry_and_replacement_are_not_breakdowns():
    rows = [_row(cf_id=i, ended=c) for i, c in enumerate([0, 1, 2, 3, 4, -1], start=1)]
    out = parse_ethprio(pd.DataFrame(rows))
    assert out["end_type"].tolist() == ["ongoing", "expired", "broken", "never_in_effect", "replaced",
                                        "unknown"]
    assert (out["end_type"] == "broken").sum() == 1


def test_dates_impute_the_middle_of_what_is_possible():
    out = parse_ethprio(pd.DataFrame([_row(eff_d=20, end_m=3, end_d=-1)]))
    # unknown end day in the start's month: between 20 and 31 March, not the 15th
    assert out.loc[0, "start"] == pd.Timestamp("2014-03-20")
    assert pd.Timestamp("2014-03-20") <= out.loc[0, "end"] <= pd.Timestamp("2014-03-31")
    assert bool(out.loc[0, "valid_dates"])
    bad = parse_ethprio(pd.DataFrame([_row(end_yr=2010)]))
    assert not bool(bad.loc[0, "valid_dates"])


def test_covariates_in_jirga_vocabulary():
    out = parse_ethprio(pd.DataFrame([_row(side=2, written=2, mediator_nego=-1, fixed_time="Unclear")]))
    r = out.iloc[0]
    assert r["side"] == "bilateral" and r["written"] == 1.0 and pd.isna(r["mediated"])
    assert r["fixed_term"] == 1.0 and pd.isna(r["fixed_term_days"])
    assert r["region"] == "asia" and r["conflict"] == "ucdp:209"
    assert parse_ethprio(pd.DataFrame([_row(ucdp_acd_id=-1)])).loc[0, "conflict"] == "cc:770"


def test_region_from_cc_matches_eth_prio():
    assert [region_from_cc(c) for c in (100, 345, 490, 651, 645, 770)] == [
        "americas", "europe", "africa", "africa", "middle_east", "asia"]


def test_bad_codes_name_row_field_and_fix():
    with pytest.raises(InputError) as exc:
        parse_ethprio(pd.DataFrame([_row(), _row(ended=9)]), "cf.csv")
    text = str(exc.value)
    assert "cf.csv, row 3: ended" in text and "fix: use one of" in text
    with pytest.raises(InputError, match="required column"):
        parse_ethprio(pd.DataFrame([{"cc": 1}]), "cf.csv")


def test_missing_file_says_how_to_fix(tmp_path):
    with pytest.raises(InputError, match="fix: pass --data"):
        read_ethprio(tmp_path / "absent.csv")


def test_real_file_end_types():
    out = read_ethprio(CSV)
    assert len(out) == 2203
    counts = out["end_type"].value_counts().to_dict()
    assert counts == {"unknown": 989, "replaced": 450, "expired": 432, "broken": 180, "ongoing": 90,
                      "never_in_effect": 62}
    assert (~out["valid_dates"]).sum() == 5
    # the 2014 TTP one-month ceasefire (cf 54) was replaced by its extension, which TTP ended
    pk = out[out["cc"] == 770].set_index("cf_id")
    assert pk.loc[54, "end_type"] == "replaced" and pk.loc[55, "end_type"] == "broken"
