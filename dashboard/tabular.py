"""Tables as a reader sees them: column headers in the reader's language, figures in display
units, places by name. DataFrame in, DataFrame out; the UI only hands them to st.dataframe.

Subjects and excerpts stay as written (Chinese); an English reader gets an English descriptor
beside them, so subject, metric, value and excerpt read without scrolling sideways.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.energy import display_name, place_text
from dashboard.fmt import format_value
from dashboard.i18n import localized, t, vocab_label
from dashboard.review import subject_en


def _figures(facts: pd.DataFrame, units: Mapping, lang: str) -> list[str]:
    return [format_value(v, u, lang, units, q) if m else "—" for v, u, q, m in
            zip(facts["value"], facts["unit"], facts["qualifier"], facts["metric"], strict=True)]


def _metrics(facts: pd.DataFrame, vocab: Mapping, lang: str) -> list[str]:
    return [vocab_label(vocab, "metrics", m, lang) if m else t("mentioned", lang)
            for m in facts["metric"]]


def _descriptors(facts: pd.DataFrame, vocab: Mapping) -> list[str]:
    return [subject_en(r, vocab) for r in facts.to_dict("records")]


def _sources_and_conflicts(table: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """The last two columns of a project or station table: its articles, and ⚠ where they
    disagree."""
    return {t("source", lang): [", ".join(a) for a in table["article_ids"]],
            t("conflict", lang): ["⚠" if c else "" for c in table["conflict"]]}


def facts(rows: pd.DataFrame, vocab: Mapping, names: Mapping[str, str], lang: str
          ) -> pd.DataFrame:
    """Facts with place, metric, figure, status, excerpt and source (provenance tables)."""
    columns = {"ID": rows["fact_id"], t("name", lang): rows["subject"]}
    if lang == "en":
        columns[t("subject_en", lang)] = _descriptors(rows, vocab)
    return pd.DataFrame({
        **columns,
        t("place", lang): [names.get(c, c) for c in rows["place_adcode"]],
        t("metric", lang): _metrics(rows, vocab, lang),
        t("value", lang): _figures(rows, vocab["units"], lang),
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in rows["status"]],
        t("excerpt", lang): rows["excerpt"],
        t("source", lang): [f"{o} {d:%Y-%m-%d}" for o, d in
                            zip(localized(rows, "outlet", lang), rows["article_date"],
                                strict=True)],
    })


def fact_search(rows: pd.DataFrame, vocab: Mapping, names: Mapping[str, str], lang: str
                ) -> pd.DataFrame:
    """The facts page's table: every column a reader may sort or search by."""
    units = vocab["units"]
    lead = ({t("subject_en", lang): _descriptors(rows, vocab)} if lang == "en"
            else {t("name", lang): rows["subject"]})
    columns = {"ID": rows["fact_id"], **lead,
               t("metric", lang): _metrics(rows, vocab, lang),
               t("value", lang): _figures(rows, units, lang),
               t("excerpt", lang): rows["excerpt"]}
    if lang == "en":
        columns[t("name", lang)] = rows["subject"]
    columns |= {
        t("place", lang): [names.get(c, c) for c in rows["place_adcode"]],
        t("base_value", lang): rows["value"].astype("Float64"),
        t("unit", lang): [str(units.get(u, {}).get(lang, u)) if u else "" for u in
                          rows["unit"].fillna("")],
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in rows["status"]],
        t("period", lang): rows["period"],
        t("article", lang): localized(rows, "article_title", lang),
        t("outlet", lang): localized(rows, "outlet", lang),
        t("date", lang): rows["article_date"],
    }
    return pd.DataFrame(columns)


def projects(table: pd.DataFrame, vocab: Mapping, names: Mapping[str, str], lang: str
             ) -> pd.DataFrame:
    """One row per project (aggregate.projects_table): figures right after the name, which at
    1280 px long names otherwise pushed out of view."""
    english = ({t("subject_en", lang): [p.replace("_", " ").capitalize()
                                        for p in table["project"]]} if lang == "en" else {})
    money = {key: [format_value(v, "CNY", lang) if pd.notna(v) else "—" for v in table[column]]
             for key, column in (("total_investment", "investment_total"),
                                 ("annual_plan", "investment_annual_plan"))}
    return pd.DataFrame({
        t("name", lang): table["name"],
        **english,
        t("total_investment", lang): money["total_investment"],
        t("annual_plan", lang): money["annual_plan"],
        t("place", lang): [names.get(c, c) for c in table["place_adcode"]],
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in table["status"]],
        t("cluster", lang): [vocab_label(vocab, "clusters", c, lang) if c else ""
                             for c in table["cluster"]],
        **_sources_and_conflicts(table, lang),
    })


def stations(table: pd.DataFrame, vocab: Mapping, names: Mapping[str, str], lang: str
             ) -> pd.DataFrame:
    """Power stations (energy.stations): capacity and investment, each as reported."""
    return pd.DataFrame({
        t("name", lang): [display_name(n, p, lang) for n, p in
                          zip(table["name"], table["project_id"], strict=True)],
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in table["status"]],
        t("capacity", lang): [format_value(v, "MW", lang, qualifier=q) for v, q in
                              zip(table["capacity_mw"], table["capacity_qualifier"],
                                  strict=True)],
        t("total_investment", lang): [format_value(v, "CNY", lang, qualifier=q) for v, q in
                                      zip(table["investment"], table["investment_qualifier"],
                                          strict=True)],
        t("place", lang): [place_text(p, c, names, lang) for p, c in
                           zip(table["place_adcode"], table["covers"], strict=True)],
        **_sources_and_conflicts(table, lang),
    })


def other_capacity(rows: pd.DataFrame, vocab: Mapping, names: Mapping[str, str], lang: str
                   ) -> pd.DataFrame:
    """Energy-related production capacity in its own units (energy.other_capacity)."""
    return pd.DataFrame({
        t("name", lang): [display_name(n, p, lang) for n, p in
                          zip(rows["subject"], rows["project_id"], strict=True)],
        t("value", lang): _figures(rows, vocab["units"], lang),
        t("place", lang): [names.get(c, c) for c in rows["place_adcode"]],
        t("metric", lang): _metrics(rows, vocab, lang),
        t("status", lang): [vocab_label(vocab, "statuses", s, lang) for s in rows["status"]],
        t("excerpt", lang): rows["excerpt"],
    })


def estimated_dates(estimated: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Articles whose date is an estimate (review.estimated_dates), indexed by title."""
    return pd.DataFrame({
        t("title", lang): estimated["id"] + " · " + localized(estimated, "title", lang),
        t("date", lang): estimated["date"].dt.strftime("%Y-%m-%d"),
        t("estimated_reason", lang): localized(estimated, "date_reason", lang),
        t("n_facts_col", lang): estimated["n_facts"].astype(str),
    }).set_index(t("title", lang))


def problems(found: list) -> pd.DataFrame:
    """The loader's problems (loaders.Problem), one row each."""
    return pd.DataFrame({
        "severity": [p.severity for p in found],
        "file:line": [f"{p.file}:{p.line}" for p in found],
        "column": [p.column for p in found],
        "value": [p.value for p in found],
        "rule": [p.rule for p in found],
    })
