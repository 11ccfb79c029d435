"""Exports must carry exactly the filtered rows, open cleanly in Excel, and never run formulas."""

from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

from dashboard.exports import (
    DANGEROUS_PREFIXES,
    XLSX_OPTIONS,
    export_filename,
    neutralize,
    neutralize_frame,
    to_csv_bytes,
    to_geojson_bytes,
    to_xlsx_bytes,
)

PAYLOADS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", '=HYPERLINK("http://x","y")']
NUMBERS = [-3.5, 0.0, 8.0e9, 1.25, -7.0, 42.0, 3.0]
GENERATED = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _facts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "adcode": ["222403"] * len(PAYLOADS),
            "place": ["敦化市"] * len(PAYLOADS),
            "label": PAYLOADS,
            "value": NUMBERS,
            "count": [1, -2, 0, 3, 4, 5, 6],
        }
    )


def _sources() -> pd.DataFrame:
    return pd.DataFrame({"article": ["a1"], "title": ["@敦化 新闻"], "url": ["http://x/y"]})


# --- neutralize -------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS + ["-3", "+86"])
def test_neutralize_prefixes_dangerous_text(payload):
    assert neutralize(payload) == "'" + payload


@pytest.mark.parametrize("value", ["敦化市", "3", "", "a=b", " =x", "'=x"])
def test_neutralize_leaves_safe_text(value):
    assert neutralize(value) == value


@pytest.mark.parametrize("value", [-3.5, -3, 0, 8.0e9, np.float64(-1.5), np.int64(-2), True])
def test_neutralize_leaves_numbers(value):
    out = neutralize(value)
    assert out == value and type(out) is type(value)


def test_neutralize_leaves_missing():
    assert neutralize(None) is None
    assert neutralize(pd.NA) is pd.NA
    assert np.isnan(neutralize(float("nan")))


def test_neutralize_frame_only_text_columns_and_no_mutation():
    df = pd.DataFrame(
        {
            "obj": pd.Series(["=a", -3.5, None], dtype=object),
            "str": pd.Series(["-3", "ok", None], dtype="string"),
            "cat": pd.Series(["@x", "y", "@x"], dtype="category"),
            "num": [-1.0, 2.0, -3.0],
        }
    )
    before = df.copy()
    out = neutralize_frame(df)
    pd.testing.assert_frame_equal(df, before)
    assert out["obj"].tolist() == ["'=a", -3.5, None]
    assert out["str"].tolist()[:2] == ["'-3", "ok"] and pd.isna(out["str"].iloc[2])
    assert out["str"].dtype == df["str"].dtype
    assert out["cat"].tolist() == ["'@x", "y", "'@x"]
    assert out["num"].tolist() == [-1.0, 2.0, -3.0]


# --- CSV --------------------------------------------------------------------------------


def test_csv_bom_rows_and_neutralised_payloads():
    data = to_csv_bytes(_facts())
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"adcode": str})
    assert back.columns.tolist() == ["adcode", "place", "label", "value", "count"]
    assert len(back) == len(PAYLOADS)
    assert back["place"].tolist() == ["敦化市"] * len(PAYLOADS)
    assert back["adcode"].tolist() == ["222403"] * len(PAYLOADS)
    assert back["label"].tolist() == ["'" + p for p in PAYLOADS]
    assert back["value"].tolist() == NUMBERS
    assert back["count"].tolist() == [1, -2, 0, 3, 4, 5, 6]
    assert back["value"].dtype == np.float64 and back["count"].dtype == np.int64


def test_csv_writes_numbers_plainly_without_index():
    df = pd.DataFrame({"v": [-3.5, 0.0, 8.0e9]}, index=[10, 11, 12])
    assert to_csv_bytes(df) == "\ufeffv\r\n-3.5\r\n0.0\r\n8000000000.0\r\n".encode()


def test_csv_neutralises_headers_and_keeps_input():
    df = pd.DataFrame({"=cmd": ["-1"]})
    before = df.copy()
    assert to_csv_bytes(df) == "\ufeff'=cmd\r\n'-1\r\n".encode()
    pd.testing.assert_frame_equal(df, before)


_SAFE_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SAFE_TEXT, min_size=1, max_size=20))
def test_csv_text_never_starts_dangerous(texts):
    df = pd.DataFrame({"i": range(len(texts)), "t": texts})
    back = pd.read_csv(
        io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    assert back["t"].tolist() == [neutralize(t) for t in texts]
    for cell in back["t"]:
        assert not cell.startswith(DANGEROUS_PREFIXES)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False), min_size=1, max_size=20))
def test_csv_floats_round_trip_exactly(values):
    # pandas 3.1 deprecated float_precision="round_trip": every mode now uses the exact
    # converter, so the default read is the round-trip read (and this test proves it).
    df = pd.DataFrame({"v": values}, dtype=float)
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig")
    assert back["v"].dtype == np.float64
    assert back["v"].tolist() == values
    assert [np.signbit(v) for v in back["v"]] == [np.signbit(v) for v in values]


# --- XLSX -------------------------------------------------------------------------------


def _workbook(**kwargs) -> openpyxl.Workbook:
    args = {
        "filters": {"prefecture": "222400", "county": "=evil()"},
        "citation": "吉林经济看板, 2026",
        "generated_at": GENERATED,
    }
    args.update(kwargs)
    data = to_xlsx_bytes(_facts(), _sources(), **args)
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_sheets_and_cell_types():
    book = _workbook()
    assert book.sheetnames == ["facts", "sources", "about"]
    facts = book["facts"]
    header = [c.value for c in facts[1]]
    assert header == ["adcode", "place", "label", "value", "count"]
    assert all(c.font.b for c in facts[1])
    assert facts.freeze_panes == "A2"
    assert facts.max_row == len(PAYLOADS) + 1
    for row, payload in enumerate(PAYLOADS, start=2):
        cell = facts.cell(row=row, column=3)
        assert cell.data_type == "s"
        # OOXML stores CR as _x000D_; Excel decodes it, openpyxl leaves it to the caller.
        assert unescape(cell.value) == "'" + payload
        assert facts.cell(row=row, column=2).value == "敦化市"
        assert facts.cell(row=row, column=1).data_type == "s"
    values = [facts.cell(row=r, column=4) for r in range(2, len(PAYLOADS) + 2)]
    assert [c.data_type for c in values] == ["n"] * len(PAYLOADS)
    assert [c.value for c in values] == NUMBERS
    assert facts["E3"].value == -2 and facts["E3"].data_type == "n"
    assert all(cell.data_type != "f" for row in facts.iter_rows() for cell in row)
    assert facts.column_dimensions["B"].width >= 8


def test_xlsx_never_reinterprets_strings():
    # Defence in depth: cells are written with write_string anyway, but the workbook options
    # must also forbid formula/URL/number conversion in case a later edit uses write().
    assert XLSX_OPTIONS["strings_to_formulas"] is False
    assert XLSX_OPTIONS["strings_to_urls"] is False
    assert XLSX_OPTIONS["strings_to_numbers"] is False


def test_xlsx_sources_neutralised():
    sources = _workbook()["sources"]
    assert [c.value for c in sources[2]] == ["a1", "'@敦化 新闻", "http://x/y"]
    assert sources["C2"].hyperlink is None
    assert sources.freeze_panes == "A2"


def test_xlsx_about_sheet():
    about = _workbook()["about"]
    rows = [tuple(c.value for c in row) for row in about.iter_rows()]
    assert rows == [
        ("item", "value"),
        ("prefecture", "222400"),
        ("county", "'=evil()"),
        ("生成时间", "2026-11-22T09:30:00+08:00"),
        ("行数", str(len(PAYLOADS))),
        ("引用", "吉林经济看板, 2026"),
    ]
    en = _workbook(lang="en")["about"]
    assert [c.value for c in en["A"]][-3:] == ["generated at", "rows", "citation"]


def test_xlsx_missing_values_blank_and_naive_time_rejected():
    df = pd.DataFrame({"v": [1.0, np.nan], "t": ["x", None]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df, df, {}, "c", GENERATED)))["facts"]
    assert sheet["A3"].value is None and sheet["B3"].value is None
    with pytest.raises(ValueError, match="timezone"):
        to_xlsx_bytes(df, df, {}, "c", dt.datetime(2026, 11, 22))


# --- GeoJSON ----------------------------------------------------------------------------


def _layer() -> dict:
    def feature(adcode, zh, en):
        props = {"adcode": adcode, "name_zh": zh, "name_en": en, "parent_adcode": "222400"}
        geometry = {"type": "Point", "coordinates": [128.2, 43.4]}
        return {"type": "Feature", "id": adcode, "properties": props, "geometry": geometry}

    return {
        "type": "FeatureCollection",
        "features": [feature("222403", "敦化市", "Dunhua"), feature("222401", "延吉市", "Yanji")],
    }


@pytest.mark.parametrize("keyed_by", ["column", "index"])
def test_geojson_values_null_for_missing(keyed_by):
    layer = _layer()
    before = json.dumps(layer, sort_keys=True)
    values = pd.DataFrame({"adcode": ["222403"], "gdp": [np.float64(412.5)], "n": [np.int64(3)]})
    if keyed_by == "index":
        values = values.set_index("adcode")
    data = to_geojson_bytes(layer, values, ["gdp", "n"])
    assert json.dumps(layer, sort_keys=True) == before
    assert "敦化市".encode() in data and b"\\u" not in data
    out = json.loads(data.decode("utf-8"))
    dunhua, yanji = out["features"]
    assert dunhua["properties"] == {
        "adcode": "222403",
        "name_zh": "敦化市",
        "name_en": "Dunhua",
        "parent_adcode": "222400",
        "gdp": 412.5,
        "n": 3,
    }
    assert yanji["properties"]["gdp"] is None and yanji["properties"]["n"] is None
    assert yanji["id"] == "222401"


def test_geojson_nan_is_null_and_clashes_rejected():
    values = pd.DataFrame({"adcode": [222403], "gdp": [np.nan]})
    out = json.loads(to_geojson_bytes(_layer(), values, ["gdp"]))
    assert out["features"][0]["properties"]["gdp"] is None
    with pytest.raises(ValueError, match="overwrite"):
        to_geojson_bytes(_layer(), values.assign(name_zh="x"), ["name_zh"])
    with pytest.raises(ValueError, match="duplicate"):
        to_geojson_bytes(_layer(), pd.concat([values, values]), ["gdp"])


# --- file names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "filters", "ext", "expected"),
    [
        (
            "jilin",
            {"prefecture": "yanbian", "county": "dunhua"},
            "csv",
            "jilin_yanbian-dunhua_2026-11-22.csv",
        ),
        (
            "jilin",
            {"prefecture": "222400", "county": "", "year": "2025"},
            ".XLSX",
            "jilin_222400-2025_2026-11-22.xlsx",
        ),
        ("yantai", {}, "geojson", "yantai_2026-11-22.geojson"),
        ("../../etc", {"county": "../../passwd"}, "csv", "etc_passwd_2026-11-22.csv"),
        ("Jilin Province", {"q": "a b\\c/d"}, "csv", "jilin-province_a-b-c-d_2026-11-22.csv"),
        ("吉林", {"county": "敦化市"}, "csv", "export_2026-11-22.csv"),
        ("jilin", {"x": "Ｙａｎｂｉａｎ"}, "../csv", "jilin_yanbian_2026-11-22.csv"),
    ],
)
def test_export_filename_examples(region, filters, ext, expected):
    assert export_filename(region, filters, ext, dt.date(2026, 11, 22)) == expected


def test_export_filename_length_cap_and_bad_ext():
    name = export_filename(
        "jilin", {f"k{i}": "x" * 30 for i in range(10)}, "csv", dt.date(2026, 11, 22)
    )
    assert len(name) <= 80 and name.endswith("_2026-11-22.csv")
    assert name.startswith("jilin_xxxx") and "-_" not in name
    with pytest.raises(ValueError):
        export_filename("jilin", {}, "/..", dt.date(2026, 11, 22))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100), st.dictionaries(st.text(max_size=10), st.text(max_size=40)))
def test_export_filename_always_safe(region, filters):
    name = export_filename(region, filters, "csv", dt.date(2026, 11, 22))
    assert len(name) <= 80
    assert name.count(".") == 1 and ".." not in name
    assert all(ch.isascii() and (ch.isalnum() or ch in "-_.") for ch in name)
    assert name == name.lower() and name.endswith("_2026-11-22.csv")
