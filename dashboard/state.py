"""View state ⇄ URL query string: permalinks that reopen exactly the view a presenter showed.

Public contract (do not rename): `region` (adcode), `prefecture` (adcode), `county` (adcode),
`lang` (zh|en), `present` (1). Further optional keys: `year`, `cluster`, `status`, `basis`,
`article`, `step` (the presenter's position among the saved views; links written before it
was named say `view`, which is still read).

A "view" is one ViewState: everything that decides what a page shows. Saved views
(data/views.yaml) are views a presenter steps through; `step` says which one is on screen.

Parsing never raises. Hostile or stale links (unknown adcodes, script tags, very long or
repeated values) fall back to defaults for that key and produce a short notice, so a mangled
link still opens a working page.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, replace

import pandas as pd

from loaders.reference import region_of

DEFAULT_REGION = "220000"
LANGS = ("zh", "en")
BASES = ("project", "place_total", "both")
MAX_VALUE_LENGTH = 64
PUBLIC_KEYS = ("region", "prefecture", "county", "lang", "present")
OPTIONAL_KEYS = ("year", "cluster", "status", "basis", "article", "step")
KEYS = PUBLIC_KEYS + OPTIONAL_KEYS
LEGACY_KEYS = {"view": "step"}
_TOKEN = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


@dataclass(frozen=True)
class ViewState:
    region: str = DEFAULT_REGION
    prefecture: str = ""
    county: str = ""
    lang: str = "zh"
    present: bool = False
    year: str = ""
    cluster: str = ""
    status: str = ""
    basis: str = "both"
    article: str = ""
    step: str = ""

    @property
    def place(self) -> str:
        """The most specific place selected: county, else prefecture, else region."""
        return self.county or self.prefecture or self.region

    def with_place(self, adcode: str, places: pd.DataFrame, regions) -> ViewState:
        """Select a place by adcode (from a map click), keeping prefecture/county consistent."""
        row = _place_row(places, adcode)
        if row is None or region_of(adcode, places, regions) != self.region:
            return self
        if row["level"] == "county":
            parent = row["parent_adcode"] if row["parent_adcode"] != self.region else ""
            return replace(self, county=adcode, prefecture=parent)
        if row["level"] == "prefecture" and adcode != self.region:
            return replace(self, prefecture=adcode, county="")
        return replace(self, prefecture="", county="")


def _first(value: object) -> str:
    """Repeated keys: the last value wins (as Streamlit's st.query_params does).

    Surrounding whitespace is dropped: links pasted from mail or chat often gain a space or
    a newline, and `county=%20222403` should still open the county.
    """
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return "" if value is None else str(value).strip()


def _place_row(places: pd.DataFrame, adcode: str) -> dict | None:
    match = places[places["adcode"] == adcode]
    return None if match.empty else match.iloc[0].to_dict()


def parse_query(
    params: Mapping[str, object], places: pd.DataFrame, vocab: Mapping[str, Mapping] | None,
    article_ids: set[str] | None, regions: Collection[str],
) -> tuple[ViewState, list[str]]:
    """Query params → (state, notices). Unknown keys are ignored silently; bad values noisily.

    `regions` are the region adcodes (data/regions.yaml); the first is the default region."""
    regions = list(regions) or [DEFAULT_REGION]
    notices: list[str] = []
    params = {LEGACY_KEYS.get(key, key): value for key, value in params.items()
              if not (key in LEGACY_KEYS and LEGACY_KEYS[key] in params)}
    raw = {key: _first(params[key]) for key in KEYS if key in params}
    clean: dict[str, str] = {}
    for key, value in raw.items():
        if value == "":
            continue
        if len(value) > MAX_VALUE_LENGTH or not _TOKEN.match(value):
            notices.append(f"ignored invalid {key}")
            continue
        clean[key] = value
    state = ViewState(region=regions[0])
    if "lang" in clean:
        if clean["lang"] in LANGS:
            state = replace(state, lang=clean["lang"])
        else:
            notices.append(f"ignored unknown lang={clean['lang']}")
    if "present" in clean:
        state = replace(state, present=clean["present"] in ("1", "true", "yes"))
    if "region" in clean:
        if clean["region"] in regions:
            state = replace(state, region=clean["region"])
        else:
            notices.append(f"ignored unknown region={clean['region']}")
    for key in ("prefecture", "county"):
        code = clean.get(key)
        if not code:
            continue
        row = _place_row(places, code)
        expected = "prefecture" if key == "prefecture" else "county"
        region = region_of(code, places, regions) if row is not None else ""
        if row is None or row["level"] != expected:
            notices.append(f"ignored unknown {key}={code}")
        elif region != state.region:
            if "region" in clean:
                notices.append(f"ignored {key}={code}: not in region {state.region}")
                continue
            state = replace(state, region=region)
            state = replace(state, **{key: code})
        else:
            state = replace(state, **{key: code})
    if state.county:
        parent = _place_row(places, state.county)["parent_adcode"]
        parent = "" if parent == state.region else parent
        if state.prefecture and state.prefecture != parent:
            notices.append(f"prefecture changed to match county={state.county}")
        state = replace(state, prefecture=parent)
    vocab = vocab or {}
    checks = {
        "year": lambda v: re.fullmatch(r"(19|20)\d\d", v) is not None,
        "cluster": lambda v: v in vocab.get("clusters", {}),
        "status": lambda v: v in vocab.get("statuses", {}),
        "basis": lambda v: v in BASES,
        "article": lambda v: article_ids is None or v in article_ids,
        "step": lambda v: v.isdigit() and len(v) <= 3,
    }
    for key, ok in checks.items():
        if key in clean:
            if ok(clean[key]):
                state = replace(state, **{key: clean[key]})
            else:
                notices.append(f"ignored unknown {key}={clean[key]}")
    return state, notices


def to_query(state: ViewState) -> dict[str, str]:
    """State → query params, omitting defaults so links stay short and readable."""
    default = asdict(ViewState())
    out = {}
    for key, value in asdict(state).items():
        if value == default[key]:
            continue
        out[key] = "1" if value is True else str(value)
    return out
