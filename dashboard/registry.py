"""The one list of the dashboard's pages: navigation, presenter mode's saved views and the
tests all read it, so a page is added here and nowhere else (plus its file in pages/ and its
title in dashboard/i18n.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    key: str  # URL path, and the `page` of a saved view in data/views.yaml
    script: str  # the layout file, relative to the repository
    title: str  # key of its title in dashboard/i18n.py
    default: bool = False  # the landing page


PAGES: tuple[PageSpec, ...] = (
    PageSpec("investment", "pages/investment.py", "page_investment", default=True),
    PageSpec("energy", "pages/energy.py", "page_energy"),
    PageSpec("clusters", "pages/clusters.py", "page_clusters"),
    PageSpec("overview", "pages/overview.py", "page_overview"),
    PageSpec("facts", "pages/facts.py", "page_facts"),
    PageSpec("quality", "pages/quality.py", "page_quality"),
    PageSpec("curator", "pages/curator.py", "page_curator"),
)
BY_KEY = {spec.key: spec for spec in PAGES}
