"""A session holds one view's worth of data, however many views it opens.

Streamlit keeps a widget's callbacks and format functions for as long as the session lives,
also after the widget is gone. A callback that bound the run's context kept that run's
frames alive, so a session's memory, and the garbage collector's pass after every run,
grew with each view it opened (bench/load.py found it; docs/scaling.md).
"""

import gc

from app_session import run

from ui.context import Context

VIEWS = ["county=222403", "prefecture=222400", "region=370600", "prefecture=220100",
         "county=220102", "lang=en&county=222403", ""]


def contexts_alive() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is Context)


def open_views(at, queries: list[str]) -> int:
    """Open `queries` one after another in `at`'s session; the contexts then alive."""
    for query in queries:
        at.query_params.clear()
        for part in query.split("&") if query else []:
            key, value = part.split("=")
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return contexts_alive()


def test_a_session_keeps_no_context_of_the_views_it_left():
    at = run()
    after_two = open_views(at, VIEWS[:2])
    after_all = open_views(at, VIEWS[2:])
    # Five more views, no more contexts (each bound context used to stay alive). Counted
    # process-wide, so other tests' sessions may add a constant to both counts.
    assert after_all <= after_two
