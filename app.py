"""Jilin regional economy dashboard: navigation and the shared chrome.

Pages live in pages/ and only lay out; the UI package (ui/) draws what pages share, and the
pure core (dashboard/, loaders/, geo/) computes everything shown.
"""

from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from dashboard.registry import PAGES
from ui import cache, chrome, context, presenter, sidebar, style

st.set_page_config(page_title="吉林区域经济看板 · Jilin economy", page_icon="📊", layout="wide")

page_context = context.prepare()
missing = [spec.script for spec in PAGES if not (Path(__file__).parent / spec.script).is_file()]
if missing:  # a registry entry without its file is a broken build, not a page to hide
    raise FileNotFoundError(f"pages in dashboard/registry.py without a file: {missing}")
pages = {spec.key: st.Page(spec.script, title=t(spec.title, page_context.lang),
                           url_path=spec.key, default=spec.default) for spec in PAGES}
page = st.navigation(list(pages.values()),
                     position="hidden" if page_context.view.present else "sidebar")
style.apply(page_context.lang, page_context.view.present)
chrome.data_problems_banner(page_context)
presenter.bar(page_context, next(key for key, p in pages.items() if p is page))
page.run()
sidebar.sidebar(page_context)
chrome.footer(page_context)
context.sync_url()
cache.freeze_after_first_run()
