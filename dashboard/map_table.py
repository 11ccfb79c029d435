"""The map as a table: every place of the map with its figure, basis and counts, plus the
figures that sit on no one place at this level. It stands beside the map for keyboard and
screen-reader users, and it is exactly what "download the map's values" gives: its figures add
up to the KPI total on screen (project basis), because the rows left off the map are a row too.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.fmt import axis_scale, format_value
from dashboard.i18n import t, vocab_label

ROW_COLUMNS = ["adcode", "place", "figure", "value", "unit", "basis", "n_projects", "n_facts",
               "fact_ids", "kind"]  # kind: place | no_data | elsewhere


def map_rows(values: pd.DataFrame, layer: Mapping, names: Mapping[str, str],
             elsewhere: pd.DataFrame, basis: str, unit: str, lang: str,
             units: Mapping | None = None) -> pd.DataFrame:
    """One row per place of `layer` (largest figure first, places without one after, by
    name), then one row for `elsewhere`: the figures of the same metric and basis that no
    place at this level holds (a package reported for a whole prefecture). `values` is
    aggregate.by_place; `elsewhere` its left-out facts (aggregate.unallocated)."""
    codes = [str(f["properties"].get("adcode", f.get("id"))) for f in layer["features"]]
    by_code = values.set_index("adcode") if len(values) else None
    rows = []
    for code in codes:
        if by_code is not None and code in by_code.index:
            row = by_code.loc[code]
            rows.append([code, names.get(code, code), format_value(row["value"], unit, lang,
                                                                    units),
                         float(row["value"]), unit, basis, int(row["n_projects"]),
                         int(row["n_facts"]), list(row["fact_ids"]), "place"])
        else:
            rows.append([code, names.get(code, code), t("no_data", lang), float("nan"), unit,
                         basis, 0, 0, [], "no_data"])
    table = pd.DataFrame(rows, columns=ROW_COLUMNS)
    table = pd.concat([table[table["kind"] == "place"].sort_values("value", ascending=False),
                       table[table["kind"] == "no_data"].sort_values("place")])
    if len(elsewhere):
        total = float(elsewhere["value"].sum())
        table.loc[len(table)] = ["", t("elsewhere_row", lang), format_value(total, unit, lang,
                                                                             units),
                                 total, unit, basis, int(elsewhere["entity_id"].nunique()),
                                 len(elsewhere), list(elsewhere["fact_id"]), "elsewhere"]
    return table.reset_index(drop=True)


def total(rows: pd.DataFrame) -> float | None:
    """The table's sum (None when no row has a figure): the KPI total on the project basis."""
    figures = rows["value"].dropna()
    return float(figures.sum()) if len(figures) else None


def download_frame(rows: pd.DataFrame, metric: str, vocab: Mapping, lang: str) -> pd.DataFrame:
    """The table as a download: headers in the reader's language with units in them, the
    figure in display units and in base units, the basis and the facts behind each row."""
    unit = rows["unit"].iloc[0] if len(rows) else "CNY"
    divisor, unit_label = axis_scale(unit, lang)
    metric_label = vocab_label(vocab, "metrics", metric, lang)
    base_label = str(vocab["units"].get(unit, {}).get(lang, unit))
    return pd.DataFrame({
        t("place", lang): rows["place"],
        t("adcode", lang): rows["adcode"],
        f"{metric_label} ({unit_label})": (rows["value"] / divisor).round(6),
        f"{metric_label} ({base_label})": rows["value"],
        t("basis", lang): [t(f"basis_{b}", lang) for b in rows["basis"]],
        t("n_projects_col", lang): rows["n_projects"],
        t("n_facts_col", lang): rows["n_facts"],
        t("fact_ids", lang): [" ".join(ids) for ids in rows["fact_ids"]],
    })
