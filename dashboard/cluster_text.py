"""The clusters page's text, as Markdown: a cluster's figure with its basis, a fact in a card's
excerpt list, a statement about a place's clusters as a whole, and all of them for one view
(`page_text`). Data text is escaped (fmt.md_escape); figures are in the reader's units."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.clusters import ClusterView
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


@dataclass(frozen=True)
class Card:
    """One cluster's card. `body` is one Markdown block: the cluster as a heading, its host in
    small type, "no data" when it has no figure at all, its figures, targets and target
    mentions, then how many other figures and projects it has. One block, not an element per
    part: the page has ten cards, and each element costs the browser a render."""

    body: str
    excerpts_label: str
    excerpts: str


@dataclass(frozen=True)
class PageText:
    """Every line of text the clusters page shows for one view and language."""

    reported: str  # statements about clusters as a whole that are not targets
    targets: str  # targets and forward statements, each badged as a target
    cards: tuple[Card, ...]


def _rows(frame: pd.DataFrame):
    """Rows as named tuples; none for an empty frame. A card's frames are often empty, and
    pandas builds a column view of every column and a tuple class per call even then."""
    return frame.itertuples() if len(frame) else ()


def _lines(items) -> str:
    """Lines as one Markdown block, one paragraph each: a card is a few elements, not one per
    line (each element costs the browser a render)."""
    return "\n\n".join(items)


def page_text(model: ClusterView, vocab: Mapping, names: Mapping[str, str],
              lang: str) -> PageText:
    """The clusters page's text for `model`: built once per view and language, since a page
    of some 300 lines formatted row by row was most of the page's run."""
    def target(line: str) -> str:
        return f":orange-badge[{t('target_badge', lang)}] {line}"

    def label(cluster: str) -> str:
        return vocab_label(vocab, "clusters", cluster, lang)

    statements, forward = model.statements, model.forward
    targets = model.figures[model.figures["kind"] == "target"]
    cards = []
    for cluster in model.ids:
        card = model.cards[cluster]
        host = str(vocab["clusters"][cluster].get("region", ""))
        counts = [f":small[{t(key, lang)}: {n}]" for key, n in (
            ("cluster_other", len(card["others"])),
            ("cluster_projects", len(card["projects"]))) if n]
        no_data = all(card[k].empty for k in ("reported", "targets", "others", "mentions"))
        body = [f"### {label(cluster)}", f":small[{t('host', lang)}: {names.get(host, host)}]",
                *([f":gray[**{t('no_data', lang)}**]"] if no_data else []),
                *(figure_line(row, vocab, lang) for row in _rows(card["reported"])),
                *(target(figure_line(row, vocab, lang)) for row in _rows(card["targets"])),
                *(target(f"「{md_escape(row.excerpt)}」") for row in _rows(card["mentions"])),
                *(["  \n".join(counts)] if counts else [])]
        cards.append(Card(
            body=_lines(body),
            excerpts_label=f"{t('excerpt', lang)} ({len(card['facts'])})",
            excerpts=_lines(excerpt_line(row, vocab, lang) for row in _rows(card["facts"]))))
    return PageText(
        reported=_lines(statement_line(row, vocab, names, lang)
                        for row in _rows(statements[~forward])),
        targets=_lines([*(target(statement_line(row, vocab, names, lang))
                          for row in _rows(statements[forward])),
                        *(target(f"{label(row.cluster)} · {figure_line(row, vocab, lang)}")
                          for row in _rows(targets))]),
        cards=tuple(cards))
