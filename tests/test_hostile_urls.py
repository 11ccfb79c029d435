"""Hostile links and safe output.

Random and hostile query strings (very long values, repeated keys, script tags, unknown
adcodes, wrong language codes, unicode, SQL-ish strings, empty values) must never raise: the
pure parser is fuzzed with many examples, the whole app with a few (each AppTest run takes
about a second). Unknown values produce a notice and the default view.

Safe output: every place where the app hands HTML to the browser is on a reviewed allow-list
and interpolates nothing that is not escaped; the Streamlit config keeps XSRF protection on,
uploads tiny, telemetry off and the toolbar minimal.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import loaders
from dashboard.state import BASES, KEYS, LANGS, ViewState, parse_query, to_query

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
PLACES = loaders.load_places()
VOCAB = loaders.load_vocab()
ARTICLES = set(loaders.load_articles()["id"])
REGIONS = loaders.load_regions()
LEVEL = dict(zip(PLACES["adcode"], PLACES["level"], strict=True))
PARENT = dict(zip(PLACES["adcode"], PLACES["parent_adcode"], strict=True))

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "' OR 1=1 --", "1; DROP TABLE facts;--", "\" onmouseover=\"alert(1)", "../../etc/passwd",
    "%3Cscript%3E", "\x00", "\u202e222403", "２２２４０３", "吉林", "敦化市", "𝓩𝓱", "🙂",
    "999999", "000000", "22240", "2224033", "220000", "370600", "xx", "ZH", "zh-CN", "en ",
    " 222403\n", "null", "undefined", "NaN", "[]", "{}", "$where", "${7*7}", "{{7*7}}", "x" * 65,
    "9" * 10_000, " ", "\t\n", "-1", "1e9", "0x35", "javascript", "![x](http://203.0.113.7/x)",
]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
VALUE = st.one_of(st.sampled_from(HOSTILE), TEXT, st.just(""),
                  st.sampled_from(["222403", "222400", "370613", "zh", "en", "1", "2024",
                                   "project", "a001", "yb_pharma", "operating"]))
PARAM = st.one_of(VALUE, st.lists(VALUE, max_size=4))  # a list is a repeated key
KEY = st.one_of(st.sampled_from(KEYS), TEXT)
PARAMS = st.dictionaries(KEY, PARAM, max_size=12)
# Notices are shown in a toast (markdown): they may only echo validated tokens.
SAFE_NOTICE = re.compile(r"^[A-Za-z0-9_=:. \-]{1,120}$")


def last(value) -> str:
    if isinstance(value, list):
        return value[-1] if value else ""
    return value


def assert_consistent(view: ViewState) -> None:
    """A view the app can draw: every field is a known value or the default."""
    assert view.region in loaders.load_regions()
    assert view.lang in LANGS and view.basis in BASES
    if view.county:
        assert LEVEL[view.county] == "county"
        parent = PARENT[view.county]
        assert view.prefecture == ("" if parent == view.region else parent)
    if view.prefecture:
        assert LEVEL[view.prefecture] == "prefecture"
    for adcode in (view.prefecture, view.county):
        if adcode:
            from loaders.reference import region_of

            assert region_of(adcode, PLACES, REGIONS) == view.region
    assert view.year == "" or re.fullmatch(r"(19|20)\d\d", view.year)
    assert view.cluster == "" or view.cluster in VOCAB["clusters"]
    assert view.status == "" or view.status in VOCAB["statuses"]
    assert view.article == "" or view.article in ARTICLES
    assert view.step == "" or view.step.isdigit()


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PARAMS)
def test_parse_query_never_raises_and_explains_what_it_ignored(params):
    view, notices = parse_query(params, PLACES, VOCAB, ARTICLES, REGIONS)
    assert_consistent(view)
    assert all(SAFE_NOTICE.match(n) for n in notices), notices
    for key in set(KEYS) & set(params) - {"present"}:
        value = last(params[key]).strip()
        if value and getattr(view, key) != value:
            assert any(key in notice for notice in notices), (key, value, notices)
    # The permalink of whatever was understood reopens exactly that view, silently.
    assert parse_query(to_query(view), PLACES, VOCAB, ARTICLES, REGIONS) == (view, [])


def test_hostile_values_one_by_one_fall_back_to_the_default_with_a_notice():
    for key in sorted(set(KEYS) - {"present"}):
        for value in HOSTILE:
            if key == "region" and value in loaders.load_regions():
                continue
            if key == "prefecture" and value == "370600":  # Yantai is a prefecture-level city
                continue
            view, notices = parse_query({key: value}, PLACES, VOCAB, ARTICLES, REGIONS)
            if key == "county" and value.strip() == "222403":
                continue  # surrounding whitespace is dropped, see the test below
            if key == "lang" and value.strip() == "en":
                continue
            if value.strip() == "":
                assert (view, notices) == (ViewState(), []), (key, value)
                continue
            assert view == ViewState(), (key, value, view)
            assert len(notices) == 1 and key in notices[0], (key, value, notices)


def test_surrounding_whitespace_is_dropped():
    view, notices = parse_query({"county": " 222403\n", "lang": "en "}, PLACES, VOCAB,
                                ARTICLES, REGIONS)
    assert (view.county, view.lang, notices) == ("222403", "en", [])


def test_repeated_keys_take_the_last_value_even_when_earlier_ones_are_hostile():
    view, notices = parse_query({"county": ["<script>alert(1)</script>", "9" * 5000, "222403"],
                                 "lang": ["en", "xx"]}, PLACES, VOCAB, ARTICLES, REGIONS)
    assert (view.county, view.prefecture, view.lang) == ("222403", "222400", "zh")
    assert notices == ["ignored unknown lang=xx"]


# ---- the whole app: few examples, each a full script run ----------------------------------

INVALID = st.one_of(
    st.sampled_from([v for v in HOSTILE if v.strip() and v not in ("220000", "370600")]),
    TEXT.filter(lambda v: v.strip() != "" and not re.fullmatch(r"[A-Za-z0-9_\-]{1,64}", v)),
)
APP_KEYS = ("region", "prefecture", "county", "lang", "year", "cluster", "status", "basis",
            "article")
HOSTILE_PARAMS = st.dictionaries(st.sampled_from(APP_KEYS),
                                 st.one_of(INVALID, st.lists(INVALID, min_size=1, max_size=3)),
                                 min_size=1, max_size=5)
_LANDING: dict[str, str] = {}


def run_app(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def landing_metrics() -> dict[str, str]:
    if not _LANDING:
        _LANDING.update({m.label: m.value for m in run_app({}).metric})
    return _LANDING


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_PARAMS)
def test_app_opens_the_default_view_with_notices_for_hostile_links(params):
    at = run_app(params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["_ctx"].view == ViewState()
    toasts = [toast.value for toast in at.toast]
    for key in params:
        assert any(key in toast for toast in toasts), (key, toasts)
    assert {m.label: m.value for m in at.metric} == landing_metrics()


def test_app_keeps_the_valid_county_and_drops_the_rest():
    at = run_app({"county": ["<script>alert(1)</script>", "222403"], "lang": "xx",
                  "region": "999999", "year": "' OR 1=1 --", "zz": "<b>x</b>"})
    assert not at.exception
    view = at.session_state["_ctx"].view
    assert (view.region, view.prefecture, view.county, view.lang) == (
        "220000", "222400", "222403", "zh")
    assert [b.label for b in at.button][:3] == ["吉林省", "延边朝鲜族自治州", "敦化市"]
    assert {m.label: m.value for m in at.metric}["总投资 · 项目合计"] == "80亿元"
    toasts = " ".join(toast.value for toast in at.toast)
    assert "lang" in toasts and "region" in toasts and "year" in toasts
    assert "<" not in toasts


# ---- safe output ---------------------------------------------------------------------------

# Every call that sends raw HTML to the browser, by (file, enclosing function), with what each
# was reviewed for. Interpolations inside the HTML must go through an escaper, or be listed.
ESCAPERS = {"escape", "html.escape"}
ALLOWED: dict[tuple[str, str], dict] = {
    ("ui/style.py", "apply"): {
        "why": "the static sheets ui/style.css and ui/presenter.css, and theme constants",
        "raw": {"_css(lang, present)"}},
    ("ui/map_table.py", "<module>"): {
        "why": "a v2 component whose code is the static file ui/map_table.js; place "
               "names and figures arrive as data and the JS sets them with textContent only",
        "raw": set()},
    ("ui/ranked_bars.py", "<module>"): {
        "why": "a v2 component whose code is the static file ui/ranked_bars.js; place names, "
               "figures and labels arrive as data and the JS sets them with textContent only",
        "raw": set()},
    ("pages/curator.py", "<module>"): {
        "why": "highlighted_html() html.escape()s every slice of the pasted article and the "
               "<mark> titles (quote=True); only its own <div>/<mark> tags are raw",
        "raw": {"highlighted_html(original, spans, rows)"}},
    ("ui/slide_export.py", "<module>"): {
        "why": "a v2 component whose code is the static file ui/slide_export.js; labels and the "
               "file name arrive as data and the JS sets them with textContent only",
        "raw": set()},
    ("ui/widgets.py", "choropleth"): {
        "why": "CSS variables of the map's box: `key` is a page's constant widget key, the rest "
               "are numbers formatted by Python (figure height, margins, aspect ratio)",
        "raw": {"figure.layout.height", "fit['ratio']", "fit['side']", "fit['text']", "key"}},
    ("ui/presenter.py", "<module>"): {
        "why": "_FOCUS_JS is a static string constant (puts keyboard focus back on the presenter "
               "control after Streamlit redraws); no data from Python, the URL or a reader",
        "raw": {"_FOCUS_JS"}},
}
SOURCE_DIRS = ("app.py", "pages", "ui", "dashboard", "loaders", "geo", "bench")


def source_files() -> list[Path]:
    files = []
    for entry in SOURCE_DIRS:
        path = REPO / entry
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def _is_html_sink(call: ast.Call) -> bool:
    func = ast.unparse(call.func)
    unsafe = any(k.arg == "unsafe_allow_html" and not (
        isinstance(k.value, ast.Constant) and k.value.value is False) for k in call.keywords)
    return (unsafe or func in ("st.html", "html")
            or func.startswith(("components.", "st.components")))


def html_sinks() -> list[tuple[str, str, int, ast.Call]]:
    """(file, enclosing function, line, call) for every raw-HTML call in the app's source."""
    found = []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        parents = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                parents[child] = node
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_html_sink(n)]
        # A sink the AST cannot see (e.g. **{"unsafe_allow_html": True}) still fails the test.
        mentions = len(re.findall(r"unsafe_allow_html|\bst\.html\(|components\.v[12]\.", text))
        keyword_calls = len([c for c in calls if ast.unparse(c.func) not in ("st.html", "html")])
        html_calls = len(calls) - keyword_calls
        assert mentions == keyword_calls + html_calls, f"{path}: indirect raw-HTML call"
        rel = str(path.relative_to(REPO))
        for call in calls:
            node, function = call, "<module>"
            while node in parents:
                node = parents[node]
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    function = node.name
                    break
            found.append((rel, function, call.lineno, call))
    return found


def unescaped(call: ast.Call) -> set[str]:
    """Source of every expression interpolated into the call's HTML without an escaper."""
    if not call.args:
        return {"<no positional body>"}
    body = call.args[0]
    if isinstance(body, ast.Constant) or (isinstance(body, ast.Name) and body.id.isupper()):
        return set()  # a literal, or a module constant such as BAR_CSS
    if not isinstance(body, ast.JoinedStr):
        return {ast.unparse(body)}
    raw = set()
    for part in body.values:
        if isinstance(part, ast.FormattedValue):
            value = part.value
            if isinstance(value, ast.Call) and ast.unparse(value.func) in ESCAPERS:
                continue
            raw.add(ast.unparse(value))
    return raw


def test_raw_html_only_at_reviewed_call_sites_and_never_unescaped():
    sinks = html_sinks()
    problems = []
    for rel, function, line, call in sinks:
        entry = ALLOWED.get((rel, function))
        if entry is None:
            problems.append(f"{rel}:{line} in {function}(): raw HTML call not on the allow-list")
            continue
        raw = unescaped(call) - entry["raw"]
        if raw:
            problems.append(f"{rel}:{line} in {function}(): unescaped {sorted(raw)}")
    assert problems == []
    stale = set(ALLOWED) - {(rel, function) for rel, function, _, _ in sinks}
    assert stale == set(), f"allow-list entries with no call site any more: {stale}"


def test_the_sink_finder_catches_what_it_must():
    tree = ast.parse('st.markdown(f"<b>{row.subject}</b>", unsafe_allow_html=True)\n'
                     'st.html(x)\nst.markdown(f"<i>{html.escape(s)}</i>", unsafe_allow_html=True)'
                     '\nst.markdown("**ok**")\nst.markdown(s, unsafe_allow_html=False)')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_html_sink(n)]
    assert [unescaped(c) for c in calls] == [{"row.subject"}, {"x"}, set()]


def test_streamlit_config_is_locked_down():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True  # XSRF protection needs CORS protection on
    assert config["server"]["maxUploadSize"] == 1  # MB: plain-text articles only
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showErrorDetails"] == "none"  # no tracebacks for viewers
    assert config["server"]["runOnSave"] is False
