"""Curator assistant: paste or upload an article, review candidate facts, download them as CSV.

Nothing is stored on the server: the text lives in the session, the candidates are computed
from it, and the reviewed table leaves as a download for `python -m loaders.ingest FILE
--accept`, which validates it before anything reaches data/. The article is user input, so it
is HTML-escaped before the <mark> highlights are added around the figures.
"""

import datetime as dt
import hashlib

import streamlit as st

from dashboard.curation import (
    EDITOR_FIRST,
    PLACE,
    highlighted_html,
    place_options,
    with_place_codes,
    with_place_names,
)
from dashboard.exports import to_csv_bytes
from dashboard.i18n import t
from loaders.extract import CANDIDATE_COLUMNS
from loaders.textmap import ArticleError, decode_article
from ui import cache
from ui.context import ctx

MAX_CHARS = 50_000

context = ctx()
lang, vocab = context.lang, context.vocab
st.title(t("page_curator", lang))
st.caption(t("curator_intro", lang))

pasted = st.text_area(t("curator_paste", lang), key="curator_text", height=220, max_chars=MAX_CHARS)
upload = st.file_uploader(t("curator_upload", lang), type=["txt"], key="curator_upload",
                          max_upload_size=1, help=t("curator_upload_help", lang))
left, right = st.columns(2)
article_id = left.text_input(t("curator_article_id", lang), value="a999", key="curator_article",
                             max_chars=4).strip() or "a999"
date = right.text_input(t("curator_date", lang), key="curator_date", max_chars=10).strip()
if date:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        st.warning(t("curator_bad_date", lang) + date)
        date = ""

text = pasted
if upload is not None:
    try:
        text = decode_article(upload.getvalue(), upload.name)
    except ArticleError as exc:
        st.error(str(exc))
        text = ""
if len(text) > MAX_CHARS:
    st.warning(t("curator_too_long", lang).format(n=f"{MAX_CHARS:,}"))
    text = text[:MAX_CHARS]

if not text.strip():
    st.info(t("curator_empty", lang))
else:
    region, rows, candidates, spans, original = cache.extract_candidates(text, article_id, date)
    places = place_options(context.places)
    frame = with_place_names(candidates, places)
    a, b = st.columns(2)
    a.metric(t("curator_found", lang), len(rows))
    b.metric(t("curator_region", lang), context.place_name(region) if region else "—")
    st.header(t("curator_highlighted", lang))
    st.html(highlighted_html(original, spans, rows))  # escaped: see dashboard/curation.py
    st.header(t("curator_table", lang))
    if frame.empty:
        st.info(t("curator_none", lang))
    else:
        options = {section: sorted(vocab.get(section, {})) for section in
                   ("metrics", "statuses", "qualifiers", "scopes")}
        digest = hashlib.sha256(f"{article_id}|{date}|{text}".encode()).hexdigest()[:12]
        edited = st.data_editor(
            frame, key=f"curator_editor_{digest}", hide_index=True, width="stretch",
            column_order=EDITOR_FIRST + [c for c in CANDIDATE_COLUMNS if c not in EDITOR_FIRST
                                         and c != "place_adcode"],
            disabled=["value", "unit", "place_level", "confidence", "place_evidence",
                      "period_evidence"],
            column_config={
                PLACE: st.column_config.SelectboxColumn(t("place", lang), options=list(places)),
                "place_evidence": st.column_config.TextColumn(t("place_evidence", lang)),
                "period_evidence": st.column_config.TextColumn(t("period_evidence", lang)),
                "reviewed": st.column_config.CheckboxColumn("reviewed"),
                "metric": st.column_config.SelectboxColumn("metric", options=options["metrics"]),
                "status": st.column_config.SelectboxColumn("status", options=options["statuses"]),
                "qualifier": st.column_config.SelectboxColumn("qualifier",
                                                              options=options["qualifiers"]),
                "scope": st.column_config.SelectboxColumn("scope", options=options["scopes"]),
                "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0,
                                                              max_value=1.0, format="%.2f"),
                "excerpt": st.column_config.TextColumn("excerpt", max_chars=120),
            },
        )
        reviewed = with_place_codes(edited, places)[CANDIDATE_COLUMNS]
        st.download_button(t("download_csv", lang), data=to_csv_bytes(reviewed),
                           file_name=f"{article_id}_candidates.csv", mime="text/csv",
                           key="curator_download", on_click="ignore")
