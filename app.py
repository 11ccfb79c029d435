"""Jilin regional economy dashboard: navigation and shared chrome only.

Pages live in pages/ and only lay out; logic lives in dashboard/, loaders/ and geo/.
"""

import streamlit as st

from dashboard import chrome, presenter, progressive
from dashboard.i18n import t

st.set_page_config(page_title="吉林区域经济看板 · Jilin economy", page_icon="📊", layout="wide")

context = chrome.render()
lang = context.lang
# (script, title key, url path, default page); MAP_FIRST pages draw their map before the rest
# on a session's first run (dashboard/progressive.py) and set their CSS after the map.
MAP_FIRST = {"investment"}
PAGES = [
    ("pages/investment.py", "page_investment", "investment", True),
    ("pages/energy.py", "page_energy", "energy", False),
    ("pages/clusters.py", "page_clusters", "clusters", False),
    ("pages/overview.py", "page_overview", "overview", False),
    ("pages/facts.py", "page_facts", "facts", False),
    ("pages/quality.py", "page_quality", "quality", False),
    ("pages/curator.py", "page_curator", "curator", False),
]
pages = {url: st.Page(path, title=t(key, lang), url_path=url, default=default)
         for path, key, url, default in PAGES if (chrome.REPO / path).is_file()}
page = st.navigation(list(pages.values()),
                     position="hidden" if context.view.present else "sidebar")
map_first = any(page is pages.get(url) for url in MAP_FIRST)
context.deferred = progressive.pending(map_first)
if not map_first:
    chrome.page_css(context.view.present)
chrome.data_problems_banner(context)
presenter.controls(context)
page.run()
if context.deferred:
    progressive.wait_for_paint()
else:
    chrome.sidebar(context)
    chrome.footer(context)
chrome.sync_url()
