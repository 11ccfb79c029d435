"""Jilin regional economy dashboard: navigation and shared chrome only.

Pages live in pages/ and only lay out; logic lives in dashboard/, loaders/ and geo/.
"""

import streamlit as st

from dashboard import chrome, presenter
from dashboard.i18n import t

st.set_page_config(page_title="吉林区域经济看板 · Jilin economy", page_icon="📊", layout="wide")

context = chrome.render()
lang = context.lang
PAGES = [
    ("pages/investment.py", "page_investment", "investment", True),
    ("pages/energy.py", "page_energy", "energy", False),
    ("pages/clusters.py", "page_clusters", "clusters", False),
    ("pages/overview.py", "page_overview", "overview", False),
    ("pages/facts.py", "page_facts", "facts", False),
    ("pages/quality.py", "page_quality", "quality", False),
    ("pages/curator.py", "page_curator", "curator", False),
]
pages = [st.Page(path, title=t(key, lang), url_path=url, default=default)
         for path, key, url, default in PAGES if (chrome.REPO / path).is_file()]
page = st.navigation(pages, position="hidden" if context.view.present else "sidebar")
chrome.data_problems_banner(context)
presenter.controls(context)
page.run()
chrome.sidebar(context)
chrome.footer(context)
chrome.sync_url()
