"""Downloads of exactly the rows on screen: CSV, XLSX and GeoJSON, plus safe file names.

Why this module exists: a reader who downloads a table must get the same figures the page
showed, openable in Excel without mojibake and without surprises. Every function is pure
(bytes in memory, no Streamlit) so the page only wires them to download buttons and the tests
can check the bytes exactly.

Formula injection (OWASP "CSV injection"): the text we export comes from news articles and
from URL parameters, so a cell such as ``=HYPERLINK(...)`` must never become a live formula
in a spreadsheet. Text that begins with ``= + - @``, tab or CR gets a leading apostrophe.
Only *text* is touched: a real number such as -3.5 stays a number, because the figures are
the point of the download.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import math
import numbers
import re
import unicodedata
from collections.abc import Mapping

import pandas as pd
import xlsxwriter

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_OPTIONS = {
    # Never let xlsxwriter reinterpret our text: a string stays a string cell.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    # A stray inf becomes an Excel error cell instead of an exception mid-download.
    "nan_inf_to_errors": True,
}
ABOUT_LABELS = {
    "zh": {
        "item": "item",
        "value": "value",
        "generated_at": "生成时间",
        "rows": "行数",
        "citation": "引用",
    },
    "en": {
        "item": "item",
        "value": "value",
        "generated_at": "generated at",
        "rows": "rows",
        "citation": "citation",
    },
}
MAX_FILENAME = 80
_NOT_SLUG = re.compile(r"[^a-z0-9-]+")
_DASHES = re.compile(r"-{2,}")


def neutralize(value: object) -> object:
    """Prefix dangerous *text* with an apostrophe; return everything else unchanged.

    Strings (including numpy.str_) are text even when they look numeric ("-3"), because a
    spreadsheet would still evaluate them; numbers, NaN, None and pd.NA pass through.
    """
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def neutralize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text columns (object, str, categorical) are neutralised.

    Numeric columns are left alone so they are written as numbers, not as text.
    """
    out = df.copy()
    for col in out.columns:
        series = out[col]
        dtype = series.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            out[col] = series.astype(object).map(neutralize)
        elif isinstance(dtype, pd.StringDtype):
            out[col] = series.map(neutralize).astype(dtype)
        elif pd.api.types.is_object_dtype(dtype):
            out[col] = series.map(neutralize)
    return out


def _safe_headers(df: pd.DataFrame) -> pd.DataFrame:
    """Neutralise column labels too: pivoted tables can take headers from data."""
    return df.set_axis([neutralize(str(c)) for c in df.columns], axis=1)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV as UTF-8 with BOM (Excel then reads Chinese correctly), CRLF, no index.

    Floats are written at full repr precision, so they round-trip exactly. Characters that
    cannot be encoded (lone surrogates) become '?' rather than failing the download.
    """
    frame = _safe_headers(neutralize_frame(df))
    text = frame.to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return text.encode("utf-8-sig", errors="replace")


def _is_missing(value: object) -> bool:
    """True for None, NaN, pd.NA and NaT; never raises for arrays or odd objects."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell_text(value: object) -> str:
    """Text form of a non-numeric cell; dates become ISO strings (timezones kept)."""
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    return str(value)


def _display_width(text: str) -> int:
    """Approximate column width: CJK characters are about two Latin characters wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_sheet(book, name: str, df: pd.DataFrame, header_fmt) -> None:
    """Write one frame: bold frozen header, numbers as numbers, neutralised text as strings."""
    sheet = book.add_worksheet(name)
    headers = [str(c) for c in df.columns]
    widths = [_display_width(h) for h in headers]
    for col, header in enumerate(headers):
        sheet.write_string(0, col, str(neutralize(header)), header_fmt)
    for row, values in enumerate(df.itertuples(index=False, name=None), start=1):
        for col, value in enumerate(values):
            if _is_missing(value):
                continue
            if isinstance(value, bool):
                sheet.write_boolean(row, col, value)
                continue
            if isinstance(value, numbers.Real):
                sheet.write_number(row, col, float(value))
                text = repr(float(value))
            else:
                text = str(neutralize(_cell_text(value)))
                sheet.write_string(row, col, text)
            widths[col] = max(widths[col], _display_width(text.split("\n")[0]))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(max(width + 2, 8), 60))
    sheet.freeze_panes(1, 0)


def _about_frame(
    filters: Mapping[str, str],
    citation: str,
    generated_at: dt.datetime,
    rows: int,
    lang: str,
) -> pd.DataFrame:
    """The provenance sheet: which filters produced these rows, when, and how to cite them."""
    if generated_at.tzinfo is None or generated_at.utcoffset() is None:
        raise ValueError("generated_at must be timezone-aware so readers know when it was made")
    labels = ABOUT_LABELS.get(lang, ABOUT_LABELS["zh"])
    items = [(str(k), "" if v is None else str(v)) for k, v in filters.items()]
    items += [
        (labels["generated_at"], generated_at.isoformat()),
        (labels["rows"], str(rows)),
        (labels["citation"], citation),
    ]
    return pd.DataFrame(items, columns=[labels["item"], labels["value"]], dtype=object)


def to_xlsx_bytes(
    facts_df: pd.DataFrame,
    sources_df: pd.DataFrame,
    filters: Mapping[str, str],
    citation: str,
    generated_at: dt.datetime,
    lang: str = "zh",
) -> bytes:
    """Workbook with sheets ``facts``, ``sources`` and ``about`` (item/value provenance).

    xlsxwriter is used directly (not via pandas) so that every cell type is chosen here:
    text is always a string cell, never a formula or URL, and numbers stay numeric.
    ``generated_at`` must be timezone-aware; a naive time raises ValueError.
    """
    about = _about_frame(filters, citation, generated_at, len(facts_df), lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **XLSX_OPTIONS})
    header_fmt = book.add_format({"bold": True})
    for name, frame in (("facts", facts_df), ("sources", sources_df), ("about", about)):
        _write_sheet(book, name, frame, header_fmt)
    book.close()
    return buffer.getvalue()


def _json_value(value: object) -> object:
    """Plain JSON value; missing and non-finite become null (no data is not zero)."""
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def to_geojson_bytes(layer: Mapping, values: pd.DataFrame, value_columns: list[str]) -> bytes:
    """Copy of a FeatureCollection whose features also carry the chosen value columns.

    ``values`` is keyed by an ``adcode`` column if present, else by its index. Places without
    a row get null, never 0, so a map reader can tell "no data" from "zero". The input layer
    is deep-copied, not mutated, because it is cached and shared between page views.
    Raises ValueError on duplicate adcodes or a value column that would overwrite a property.
    """
    keyed = values.set_index("adcode") if "adcode" in values.columns else values
    keyed = keyed.set_axis([str(a) for a in keyed.index], axis=0)
    if keyed.index.has_duplicates:
        raise ValueError("values has duplicate adcodes; aggregate before exporting")
    missing = [c for c in value_columns if c not in keyed.columns]
    if missing:
        raise KeyError(f"value columns not in values: {missing}")
    lookup = {
        adcode: {c: _json_value(v) for c, v in zip(value_columns, row, strict=True)}
        for adcode, row in zip(
            keyed.index, keyed[value_columns].itertuples(index=False, name=None), strict=True
        )
    }
    empty = dict.fromkeys(value_columns)
    out = copy.deepcopy(dict(layer))
    for feature in out.get("features", []):
        props = feature.setdefault("properties", {}) or {}
        feature["properties"] = props
        clash = [c for c in value_columns if c in props]
        if clash:
            raise ValueError(f"value columns would overwrite feature properties: {clash}")
        adcode = str(props.get("adcode", feature.get("id", "")))
        props.update(lookup.get(adcode, empty))
    return json.dumps(out, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _slug(text: object) -> str:
    """Lowercase ASCII [a-z0-9-]; anything else (Chinese, '/', '.', spaces) becomes a dash."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return _DASHES.sub("-", _NOT_SLUG.sub("-", ascii_text.lower())).strip("-")


def export_filename(region_slug: str, filters: Mapping[str, str], ext: str, today: dt.date) -> str:
    """Safe download name such as ``jilin_yanbian-dunhua_2026-11-22.csv``.

    Built only from [a-z0-9-], '_' and one '.', so hostile filter values from a URL cannot
    smuggle path separators or spaces into the name; the stem is capped so the whole name
    stays within about 80 characters.
    """
    extension = re.sub(r"[^a-z0-9]+", "", str(ext).lower())
    if not extension:
        raise ValueError(f"unusable file extension: {ext!r}")
    region = _slug(region_slug) or "export"
    parts = [s for s in (_slug(v) for v in filters.values() if v) if s]
    stem = region + ("_" + "-".join(parts) if parts else "")
    day = today.date() if isinstance(today, dt.datetime) else today  # no ':' in names
    suffix = f"_{day.isoformat()}.{extension}"
    stem = stem[: max(MAX_FILENAME - len(suffix), 1)].rstrip("-_") or "export"
    return stem + suffix
