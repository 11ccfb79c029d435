"""Everything besides app.py and pages/ that imports Streamlit: the page context, sidebar,
presenter bar, shared widgets, tables and the caching wrappers around the pure core
(`dashboard/`). Pages import from here and from `dashboard.i18n`; nothing here computes a
figure itself."""
