"""Presenter mode's steps through the saved views (data/views.yaml), as pure functions.

A step is an index into the saved views; each saved view is a view (a ViewState) that keeps
the reader's language and presenter mode, so every step is a permalink (`?present=1&step=2`).
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.state import ViewState


def saved_view_state(entry: dict, index: int, current: ViewState,
                     parse: Callable[[dict], tuple[ViewState, list[str]]]) -> ViewState:
    """The view of saved view `index`; `parse` reads query parameters against the data
    (ui.context.Context.parse)."""
    params = {**entry["params"], "lang": current.lang, "present": "1", "step": str(index)}
    return parse(params)[0]


def current_step(view: ViewState, n_saved: int) -> int | None:
    """Which saved view is on screen, or None when the view is not one of them."""
    if view.step.isdigit() and int(view.step) < n_saved:
        return int(view.step)
    return None
