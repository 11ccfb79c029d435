"""The ranked places as plain data (dashboard.figures.ranked_rows), on the real fact base."""

import loaders
from dashboard import aggregate
from dashboard.figures import ranked_rows
from dashboard.filters import filter_facts
from dashboard.i18n import place_labels
from dashboard.state import ViewState


def _rows(facts, bases, lang="zh"):
    shown = filter_facts(facts, ViewState())
    series = {b: aggregate.by_place(shown, "investment_total", "prefecture", b) for b in bases}
    names = place_labels(loaders.load_places(), lang)
    return ranked_rows(series, names, "investment_total", loaders.load_vocab(), lang)


def test_prefectures_by_project_sum_start_with_yanbian_then_tonghua(facts):
    data = _rows(facts, ["project"])
    first, second = data["rows"][:2]
    assert (first["place"], first["bars"][0]["value_text"]) == ("延边朝鲜族自治州", "544.5亿元")
    assert (second["place"], second["bars"][0]["value_text"]) == ("通化市", "453.6亿元")
    assert first["bars"][0]["share"] == 1.0
    assert 0.83 < second["bars"][0]["share"] < 0.84  # 453.58 / 544.5
    assert data["title"].startswith("地区排名 · ")
    assert data["legend"] == []  # one basis: nothing to tell apart


def test_two_bases_stand_side_by_side_never_summed(facts):
    data = _rows(facts, ["project", "place_total"])
    assert [e["basis"] for e in data["legend"]] == ["project", "place_total"]
    rows = {row["adcode"]: row for row in data["rows"]}
    tonghua = rows["220500"]["bars"]
    assert [(b["basis"], b["value_text"]) for b in tonghua] == [
        ("project", "453.6亿元"), ("place_total", "4,071亿元")]
    assert tonghua[1]["share"] == 1.0  # one scale for both bases: the largest bar is whole
    # the order is the first basis's ranking; a place only one basis knows has one bar
    assert data["rows"][0]["adcode"] == "222400"
    assert [b["basis"] for b in rows["222400"]["bars"]] == ["project"]


def test_places_without_a_value_are_not_listed_and_nothing_gives_none(facts):
    shown = filter_facts(facts, ViewState())
    series = {"project": aggregate.by_place(shown, "investment_total", "prefecture",
                                            "project")}
    data = ranked_rows(series, {}, "investment_total", loaders.load_vocab(), "en")
    assert [r["adcode"] for r in data["rows"]] == series["project"]["adcode"].tolist()
    assert data["rows"][0]["place"] == "222400"  # an unnamed place falls back to its code
    empty = {"project": series["project"].iloc[0:0]}
    assert ranked_rows(empty, {}, "investment_total", {}, "zh") is None
