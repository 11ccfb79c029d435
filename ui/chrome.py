"""What every page shares around its own content: the data-problems banner and the footer
with sources and licences (Datasette style)."""

from __future__ import annotations

import streamlit as st

from dashboard.fmt import md_escape
from dashboard.i18n import localized, t
from ui.context import Context


def data_problems_banner(context: Context) -> None:
    """Rejected rows are never silently dropped: say so on every page and list them."""
    errors = [p for p in context.problems if p.severity == "error"]
    if not errors:
        return
    rows = len({(p.file, p.line) for p in errors})  # one row can break several rules
    with st.expander(f"⚠ {t('data_problems', context.lang)} {rows}", expanded=False):
        st.text("\n".join(str(p) for p in errors[:200]))


def footer(context: Context) -> None:
    lang = context.lang
    used = context.articles[context.articles["id"].isin(context.facts["article_id"].unique())]
    names = [f"{md_escape(localized(row, 'outlet', lang))} {row.date:%Y-%m-%d}"
             f"{'*' if row.date_estimated else ''}" for row in used.itertuples()]
    text = t("attribution", lang)
    if names:
        text += " " + t("sources", lang) + ": " + "; ".join(names)
    if used["date_estimated"].any():
        text += " (*" + t("date_estimated", lang) + ")"
    st.divider()
    st.caption(text)
