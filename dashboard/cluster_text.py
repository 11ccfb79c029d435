"""The clusters page's lines of text, as Markdown: a cluster's figure with its basis, a fact in
a card's excerpt list, and a statement about a place's clusters as a whole. Data text is
escaped (fmt.md_escape); figures are in the reader's units."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.fmt import format_value, md_escape
from dashboard.i18n import plural, t, vocab_label


def figure_line(row, vocab: Mapping, lang: str) -> str:
    """"产值：**339.3亿元** (集群报告合计)"; a project-basis figure says how many projects."""
    value = format_value(row.value, row.unit, lang, vocab["units"], row.qualifier)
    suffix = "_target" if row.kind == "target" else ""
    basis = t(f"cluster_basis_{row.basis}{suffix}", lang)
    if row.basis == "project" and row.kind == "reported":
        basis += " · " + plural(int(row.n_projects), "n_projects", lang)
    flag = " ⚠ " + t("conflict", lang) if row.conflict else ""
    return (f"{vocab_label(vocab, 'metrics', row.metric, lang)}{t('colon', lang)}**{value}** "
            f"({basis}){flag}")


def excerpt_line(row, vocab: Mapping, lang: str) -> str:
    """One fact in a card's excerpt list: subject, figure (if any), excerpt, article."""
    figure_text = ""
    if row.metric:
        value = format_value(row.value, row.unit, lang, vocab["units"], row.qualifier)
        figure_text = f" · {vocab_label(vocab, 'metrics', row.metric, lang)} {value}"
    return (f"- **{md_escape(row.subject)}**{figure_text} 「{md_escape(row.excerpt)}」 · "
            f"{row.article_id}")


def statement_line(row, vocab: Mapping, names: Mapping[str, str], lang: str) -> str:
    """A statement about a place's clusters as a whole ("十大产业集群", "21条产业链"): the
    subject as written for Chinese readers, place and metric for English ones."""
    value = format_value(row.value, row.unit, lang, vocab["units"], row.qualifier)
    what = (md_escape(row.subject) if lang == "zh" else
            f"{names.get(row.place_adcode, row.place_adcode)} · "
            f"{vocab_label(vocab, 'metrics', row.metric, lang)}")
    return f"{what}{t('colon', lang)}**{value}** — 「{md_escape(row.excerpt)}」"
