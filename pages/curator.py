"""Curator assistant: paste or upload an article, review candidate facts, download them as CSV.

Nothing is stored on the server: the text lives in the session, the candidates are computed
from it, and the reviewed table leaves as a download for `python -m loaders.ingest FILE
--accept`, which validates it before anything reaches data/. The article is user input, so it
is HTML-escaped before the <mark> highlights are added around the figures.
"""

import datetime as dt
import hashlib
import html

import pandas as pd
import streamlit as st

from dashboard import chrome
from dashboard.exports import to_csv_bytes
from dashboard.i18n import t
from loaders.extract import CANDIDATE_COLUMNS
from loaders.ingest import candidates
from loaders.textmap import ArticleError, decode_article

MAX_CHARS = 50_000
FIRST = ["reviewed", "confidence", "raw_value", "raw_unit", "metric", "subject", "place_adcode",
         "zone_id", "scope", "status", "qualifier", "period", "excerpt", "note"]
TEXT = {
    "intro": ("粘贴或上传一篇新闻稿（UTF-8 文本），助手列出文中的数字作为候选事实。"
              "逐条核对、修改后勾选 reviewed，下载 CSV，"
              "再用 `python -m loaders.ingest 文件 --accept` 校验并写入数据。"
              "服务器不保存任何内容。",
              "Paste or upload a news article (UTF-8 text); the assistant lists its figures as "
              "candidate facts. Check and edit each row, tick “reviewed”, download the CSV and "
              "run `python -m loaders.ingest FILE --accept` to validate and add it to the data. "
              "Nothing is stored on the server."),
    "paste": ("粘贴文章全文", "Paste the article text"),
    "upload": ("或上传 .txt 文件（UTF-8，最大 1 MB）",
               "…or upload a .txt file (UTF-8, at most 1 MB)"),
    "article_id": ("文章编号", "Article id"),
    "date": ("发布日期（可选，YYYY-MM-DD）", "Publication date (optional, YYYY-MM-DD)"),
    "bad_date": ("日期格式应为 YYYY-MM-DD，已忽略：", "Date must be YYYY-MM-DD; ignored: "),
    "too_long": ("文章超过 {n} 字，只处理前 {n} 字。", "The article is longer than {n} characters; "
                 "only the first {n} are used."),
    "empty": ("请粘贴文章或上传文件。", "Paste an article or upload a file to begin."),
    "found": ("候选事实", "Candidates"),
    "region": ("识别的地区", "Detected region"),
    "highlighted": ("原文（数字已标出）", "Article with the figures highlighted"),
    "table": ("核对候选事实", "Review the candidates"),
    "download": ("下载 CSV", "Download CSV"),
    "none": ("文中没有找到带单位的数字。", "No figures with units were found in the text."),
}


def s(key: str, lang: str) -> str:
    zh, en = TEXT[key]
    return en if lang == "en" else zh


@st.cache_data(show_spinner=False, max_entries=8)
def _extract(text: str, article_id: str, date: str):
    result = candidates(text, article_id=article_id, date=date)
    spans = [result.mapped.span(start, end) for start, end in result.spans]
    return result.region, result.rows, spans, result.mapped.original


def show_article(original: str, spans: list[tuple[int, int]], rows: list[dict]) -> None:
    """The one raw-HTML sink of this page: every piece of the article is escaped first."""
    st.html(highlighted_html(original, spans, rows))


def highlighted_html(original: str, spans: list[tuple[int, int]], rows: list[dict]) -> str:
    """The article as safe HTML: every piece of text escaped, figures wrapped in <mark>."""
    parts, pos = [], 0
    for (start, end), row in sorted(zip(spans, rows, strict=True), key=lambda item: item[0]):
        if start < pos:
            continue
        title = html.escape(f"{row['fact_id']} {row['metric'] or '?'} {row['place_adcode']}",
                            quote=True)
        parts.append(html.escape(original[pos:start]))
        parts.append(f'<mark title="{title}">{html.escape(original[start:end])}</mark>')
        pos = end
    parts.append(html.escape(original[pos:]))
    return ('<div style="white-space: pre-wrap; line-height: 1.8; max-height: 24rem; '
            'overflow-y: auto; border: 1px solid #ddd; padding: .5rem .75rem;">'
            + "".join(parts) + "</div>")


context = chrome.ctx()
lang, vocab = context.lang, context.vocab
st.title(t("page_curator", lang))
st.caption(s("intro", lang))

pasted = st.text_area(s("paste", lang), key="curator_text", height=220, max_chars=MAX_CHARS)
upload = st.file_uploader(s("upload", lang), type=["txt"], key="curator_upload",
                          max_upload_size=1)
left, right = st.columns(2)
article_id = left.text_input(s("article_id", lang), value="a999", key="curator_article",
                             max_chars=4).strip() or "a999"
date = right.text_input(s("date", lang), key="curator_date", max_chars=10).strip()
if date:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        st.warning(s("bad_date", lang) + date)
        date = ""

text = pasted
if upload is not None:
    try:
        text = decode_article(upload.getvalue(), upload.name)
    except ArticleError as exc:
        st.error(str(exc))
        text = ""
if len(text) > MAX_CHARS:
    st.warning(s("too_long", lang).format(n=f"{MAX_CHARS:,}"))
    text = text[:MAX_CHARS]

if not text.strip():
    st.info(s("empty", lang))
else:
    region, rows, spans, original = _extract(text, article_id, date)
    frame = pd.DataFrame(rows)
    a, b = st.columns(2)
    a.metric(s("found", lang), len(rows))
    b.metric(s("region", lang), context.place_name(region) if region else "—")
    st.subheader(s("highlighted", lang))
    show_article(original, spans, rows)
    st.subheader(s("table", lang))
    if frame.empty:
        st.info(s("none", lang))
    else:
        options = {section: sorted(vocab.get(section, {})) for section in
                   ("metrics", "statuses", "qualifiers", "scopes")}
        digest = hashlib.sha256(f"{article_id}|{date}|{text}".encode()).hexdigest()[:12]
        edited = st.data_editor(
            frame, key=f"curator_editor_{digest}", hide_index=True, width="stretch",
            column_order=FIRST + [c for c in CANDIDATE_COLUMNS if c not in FIRST],
            disabled=["value", "unit", "place_level", "confidence"],
            column_config={
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
        st.download_button(s("download", lang), data=to_csv_bytes(edited[CANDIDATE_COLUMNS]),
                           file_name=f"{article_id}_candidates.csv", mime="text/csv",
                           key="curator_download", on_click="ignore")
