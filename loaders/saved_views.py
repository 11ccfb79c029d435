"""Presenter mode's saved views, `data/views.yaml`: a short sequence of views to step through.

Each saved view names a page, the query parameters of the view (as in a permalink) and a title
in Chinese and English. A malformed file raises ValueError naming the file, the saved view and
the field, so a broken slide deck is caught by `make check` and the tests, not on a projector.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import yaml

PARAM_KEYS = ("region", "prefecture", "county", "year", "cluster", "status", "basis", "article")


def load_saved_views(path: Path, pages: Collection[str]) -> list[dict]:
    """The saved views of `path` ([] when the file is absent); `pages` are the page keys a
    saved view may name."""
    path = Path(path)
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: malformed YAML: {exc}") from exc
    entries = data.get("views") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: views: expected a list of views")
    return [_saved_view(entry, f"{path}: view {i}", pages)
            for i, entry in enumerate(entries, start=1)]


def _saved_view(entry: object, where: str, pages: Collection[str]) -> dict:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping with page, params, title")
    page = entry.get("page")
    if page not in pages:
        raise ValueError(f"{where}: page: {page!r}: not one of {', '.join(pages)}")
    params = entry.get("params") or {}
    if not isinstance(params, dict) or any(k not in PARAM_KEYS for k in params):
        raise ValueError(f"{where}: params: {params!r}: keys must be among "
                         f"{', '.join(PARAM_KEYS)}")
    title = entry.get("title") or {}
    if not isinstance(title, dict) or not title.get("zh") or not title.get("en"):
        raise ValueError(f"{where}: title: {title!r}: needs zh and en")
    return {"page": page, "params": {k: str(v) for k, v in params.items()},
            "title": {"zh": str(title["zh"]), "en": str(title["en"])}}
