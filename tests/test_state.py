"""URL state: permalinks round-trip, bad links never raise and fall back with a notice."""

from hypothesis import given, settings
from hypothesis import strategies as st

import loaders
from dashboard.state import KEYS, ViewState, parse_query, to_query

PLACES = loaders.load_places()
VOCAB = loaders.load_vocab()
ARTICLES = set(loaders.load_articles()["id"])
REGIONS = loaders.load_regions()


def parse(params):
    return parse_query(params, PLACES, VOCAB, ARTICLES, REGIONS)


def test_county_link_opens_dunhua_and_fills_its_prefecture():
    view, notices = parse({"county": "222403"})
    assert view == ViewState(prefecture="222400", county="222403")
    assert notices == []


def test_yantai_county_switches_region():
    view, _ = parse({"county": "370613"})
    assert (view.region, view.prefecture, view.county) == ("370600", "", "370613")


def test_invalid_values_are_ignored_with_a_notice():
    view, notices = parse({"county": "999999", "lang": "fr", "region": "<script>",
                           "present": "1", "basis": "sum"})
    assert view == ViewState(present=True)
    assert len(notices) == 4


def test_county_outside_the_requested_region_is_refused():
    view, notices = parse({"region": "370600", "county": "222403"})
    assert view.region == "370600" and view.county == ""
    assert notices


def test_repeated_keys_last_wins():
    view, _ = parse({"county": ["220582", "222403"]})
    assert view.county == "222403"


def test_prefecture_mismatch_is_corrected_to_the_county_parent():
    view, notices = parse({"prefecture": "220500", "county": "222403"})
    assert view.prefecture == "222400" and notices


def test_with_place_drills_down():
    view = ViewState().with_place("222400", PLACES, REGIONS)
    assert (view.prefecture, view.county) == ("222400", "")
    view = view.with_place("222403", PLACES, REGIONS)
    assert (view.prefecture, view.county) == ("222400", "222403")
    other_region = ViewState().with_place("370613", PLACES, REGIONS)
    assert other_region == ViewState()  # ignored


counties = PLACES[(PLACES["level"] == "county") & PLACES["adcode"].str.startswith("22")]
views = st.builds(
    ViewState,
    county=st.sampled_from(sorted(counties["adcode"])),
    lang=st.sampled_from(["zh", "en"]),
    present=st.booleans(),
    year=st.sampled_from(["", "2023", "2024"]),
    cluster=st.sampled_from(["", *sorted(VOCAB["clusters"])]),
    status=st.sampled_from(["", *sorted(VOCAB["statuses"])]),
    basis=st.sampled_from(["both", "project", "place_total"]),
    article=st.sampled_from(["", *sorted(ARTICLES)]),
)


@given(views)
def test_permalink_round_trip(view):
    parent = PLACES.set_index("adcode").loc[view.county, "parent_adcode"]
    view = ViewState(**{**view.__dict__, "prefecture": parent})
    again, notices = parse(to_query(view))
    assert again == view and notices == []


hostile = st.one_of(st.text(max_size=300), st.text(alphabet="<>\"'&;=%/\\ \x00", max_size=50),
                    st.just("x" * 10_000), st.lists(st.text(max_size=20), max_size=5))


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from([*KEYS, "foo", "", "county[]"]), hostile, max_size=8))
def test_hostile_params_never_raise(params):
    view, notices = parse(params)
    assert isinstance(view, ViewState)
    assert view.lang in ("zh", "en") and view.region in loaders.load_regions()
    assert all(len(n) < 200 for n in notices)


def test_a_widget_label_never_reaches_the_url():
    """Under load a stale selectbox once wrote its label ("全部 (0)") into the view."""
    from ui.context import validated

    view = ViewState(prefecture="222400", county="全部 (0)", year="2024 (12)")
    clean = validated(view)
    assert (clean.prefecture, clean.county, clean.year) == ("222400", "", "")
    assert validated(ViewState(county="222403")).prefecture == "222400"  # Dunhua's
