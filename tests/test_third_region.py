"""Regions are data: a third region (Liaoning, 210000) is an entry in regions.yaml plus the
boundary build (`make geo`), and the app opens it. Nothing in the code names a region."""

import json
import shutil
from pathlib import Path

import pytest
from app_session import run

import loaders
from geo import build

REPO = Path(__file__).resolve().parent.parent
LIAONING = "210000"
ENTRY = f'''  "{LIAONING}":
    zh: 辽宁省
    en: Liaoning
    slug: liaoning
    levels: [prefecture, county]
    layers: {{prefecture: geo/{LIAONING}_prefecture.geojson, county: geo/{LIAONING}_county.geojson}}
    default_metric: investment_total
'''


@pytest.fixture(scope="module")
def liaoning_data(tmp_path_factory) -> Path:
    """A copy of data/ with Liaoning added the documented way: one regions.yaml entry, then
    the boundary build for the listed regions."""
    data = tmp_path_factory.mktemp("three") / "data"
    shutil.copytree(REPO / "data", data)
    with (data / "regions.yaml").open("a", encoding="utf-8") as regions:
        regions.write(ENTRY)
    listed = build.read_regions(data / "regions.yaml")
    assert listed == ["220000", "370600", LIAONING]
    # Liaoning's English names are not written yet; the trial build keeps Chinese ones.
    build.build_all(data / "geo", data / "places.csv", listed, strict_names=False)
    return data


def test_third_region_loads_with_the_facts_unchanged(liaoning_data):
    ref, facts, problems = loaders.load_all(liaoning_data)
    assert list(ref.regions) == ["220000", "370600", LIAONING]
    assert not [p for p in problems if p.severity == "error"]
    assert len(facts) == len(loaders.load_facts())  # Jilin's and Yantai's facts all load
    prefectures = ref.places[(ref.places["parent_adcode"] == LIAONING)
                             & (ref.places["level"] == "prefecture")]
    assert len(prefectures) == 14 and "210100" in set(prefectures["adcode"])  # 沈阳市


def test_app_opens_the_third_region(liaoning_data, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(liaoning_data))
    at = run(region=LIAONING)
    assert at.session_state["view"].region == LIAONING
    assert at.button(key="crumb_0").label == "辽宁省"
    region_box = next(s for s in at.sidebar.selectbox if s.label == "地区")
    assert region_box.options == ["吉林省", "烟台市", "辽宁省"]
    assert {m.label: m.value for m in at.metric}["项目数"] == "0"  # no article about it yet
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    no_data = spec["data"][1]  # trace order is fixed: values, no data, selected, labels
    assert len(no_data["locations"]) == 14 and "210100" in no_data["locations"]
    at = run(prefecture="210100", county="210102")  # Shenyang's Heping district by link
    assert at.session_state["view"].region == LIAONING
    assert [b.label for b in at.button][:3] == ["辽宁省", "沈阳市", "和平区"]
